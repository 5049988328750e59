import type { Channel } from '@ocop-sync/domain';
import { channelLabel } from '@ocop-sync/marketplaces';
import { ApiProblem } from '../problems.js';
import type { StateRefusal } from './state.js';

/** Why a callback's `state` was refused, in words a producer (or a support person) can act on. */
const stateRefusals: Record<
  StateRefusal | 'missing' | 'replayed',
  { status: number; title: string; detail: string }
> = {
  missing: {
    status: 400,
    title: 'Missing state',
    detail: 'The callback has no state parameter; start the shop connection again from ocop-sync.',
  },
  malformed: {
    status: 400,
    title: 'Malformed state',
    detail: 'The state parameter is not one ocop-sync issued; start the shop connection again.',
  },
  'bad-signature': {
    status: 403,
    title: 'Invalid state',
    detail: 'The state parameter was altered or was not signed by ocop-sync; nothing was connected.',
  },
  expired: {
    status: 403,
    title: 'Expired state',
    detail: 'The shop connection was started more than 10 minutes ago; start it again.',
  },
  'wrong-channel': {
    status: 403,
    title: 'State for another marketplace',
    detail: 'This state was issued for connecting another marketplace; nothing was connected.',
  },
  replayed: {
    status: 409,
    title: 'State already used',
    detail: 'This shop connection was already completed or attempted once; start it again to reconnect.',
  },
};

export function stateProblem(reason: StateRefusal | 'missing' | 'replayed'): ApiProblem {
  const { status, title, detail } = stateRefusals[reason];
  return new ApiProblem(status, title, detail, { type: `shop-connection-state-${reason}` });
}

/** The producer is neither in the ledger's profiles nor named by any certified product. */
export const unknownProducer = (producerId: string) =>
  new ApiProblem(404, 'Producer not found', `No producer ${producerId} is known to ocop-sync yet.`, {
    type: 'producer-not-found',
  });

export const shopNotConnected = (channel: Channel) =>
  new ApiProblem(
    404,
    'Shop not connected',
    `No ${channelLabel[channel]} shop is connected for this producer.`,
    {
      type: 'shop-not-connected',
    },
  );

/** The marketplace refused the authorisation (expired code, seller declined, …): both languages for the page. */
export const authorizationRefused = (channel: Channel, reason: string, message: { vi: string; en: string }) =>
  new ApiProblem(400, `${channelLabel[channel]} refused the connection`, `${message.en} (${message.vi})`, {
    type: `shop-authorization-${reason}`,
  });

/** A shop may serve one producer only: pushes and orders are routed to the producer by shop. */
export const shopTakenByAnotherProducer = (channel: Channel) =>
  new ApiProblem(
    409,
    'Shop linked to another producer',
    `This ${channelLabel[channel]} shop is already connected to another producer in ocop-sync.`,
    { type: 'shop-linked-elsewhere' },
  );
