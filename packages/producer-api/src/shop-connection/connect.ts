import type { Channel } from '@ocop-sync/domain';
import { AuthorizationRejectedError } from '@ocop-sync/marketplaces';
import type { ShopConnectionDeps } from './deps.js';
import {
  authorizationRefused,
  shopTakenByAnotherProducer,
  stateProblem,
  unknownProducer,
} from './problems.js';
import { channelsLinkedEntry, producerProfile } from './producer-channels.js';
import { checkState, issueState, type StateClaims } from './state.js';

export interface ConnectionStarted {
  channel: Channel;
  /** The marketplace page to send the producer to. */
  authorizationUrl: string;
  /** When the state in it stops being accepted. */
  expiresAt: string;
}

/**
 * First step: a signed, single-use, 10-minute `state` bound to the producer and the marketplace, and the
 * marketplace's authorisation page carrying it.
 *
 * @example
 * const { authorizationUrl } = await beginConnection(deps, { producerId: 'HTX-UMINH', channel: 'lazada' });
 */
export async function beginConnection(
  deps: ShopConnectionDeps,
  input: { producerId: string; channel: Channel },
): Promise<ConnectionStarted> {
  // ProducerChannelsLinked restates the producer's name and area: a producer ocop-sync has never heard of cannot link.
  if ((await producerProfile(deps.ledger, input.producerId)) === undefined)
    throw unknownProducer(input.producerId);
  const now = deps.now();
  const { state, claims } = issueState(await deps.stateKey(), { ...input, now });
  const authorizer = await deps.authorizer(input.channel);
  const authorizationUrl = authorizer.authorizationUrl({
    state,
    redirectUrl: deps.callbackUrl(input.channel),
    now: now.getTime(),
  });
  deps.logger.info('shop connection started', { producerId: input.producerId, channel: input.channel });
  return {
    channel: input.channel,
    authorizationUrl,
    expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
  };
}

export interface ConnectionCompleted {
  producerId: string;
  channel: Channel;
  shopId: string;
}

/**
 * The marketplace's redirect back: the state is checked (MAC, expiry, channel) and consumed once, the code
 * exchanged for the shop's tokens, the tokens stored, and ProducerChannelsLinked published. Refusals are
 * `ApiProblem`s; nothing is stored or published for them.
 */
export async function completeConnection(
  deps: ShopConnectionDeps,
  input: { channel: Channel; query: Readonly<Record<string, string>> },
): Promise<ConnectionCompleted> {
  const { state, ...marketplaceQuery } = input.query;
  const now = deps.now();
  const claims = await acceptState(deps, input.channel, state, now);
  const profile = await producerProfile(deps.ledger, claims.producerId);
  if (profile === undefined) throw unknownProducer(claims.producerId);
  const named = marketplaceQuery.shop_id ?? marketplaceQuery.seller_id;
  // Shopee and Postmart name the shop in the callback: refuse before the exchange, which would rotate the
  // other producer's Shopee tokens (SHP-GUIDE 20: re-authorisation issues a new pair).
  if (named !== undefined)
    await ensureShopFree(deps, { channel: input.channel, shopId: named, producerId: claims.producerId });
  const authorizer = await deps.authorizer(input.channel);
  const shop = await exchange(() =>
    authorizer.completeAuthorization({
      query: marketplaceQuery,
      redirectUrl: deps.callbackUrl(input.channel),
    }),
  );
  await ensureShopFree(deps, { channel: input.channel, shopId: shop.shopId, producerId: claims.producerId });
  const credentialsSecretName = deps.tokenSecretName(input.channel, shop.shopId);
  const key = { channel: input.channel, shopId: shop.shopId, tokenSecretName: credentialsSecretName };
  await deps.vault.store(key, shop.tokens);
  const accounts = await deps.ledger.listChannelAccounts(claims.producerId);
  await deps.publisher.publish([
    channelsLinkedEntry({
      profile,
      accounts,
      change: { channel: input.channel, shopId: shop.shopId, status: 'linked', credentialsSecretName },
      // Named after the connection attempt it completes (the nonce is single use).
      eventId: `shop-link.${claims.nonce}`,
      now,
    }),
  ]);
  deps.logger.info('shop connected', {
    producerId: claims.producerId,
    channel: input.channel,
    shopId: shop.shopId,
  });
  return { producerId: claims.producerId, channel: input.channel, shopId: shop.shopId };
}

/** The state's claims once it is proven genuine, fresh, for this channel, and not used before. */
async function acceptState(
  deps: ShopConnectionDeps,
  channel: Channel,
  state: string | undefined,
  now: Date,
): Promise<StateClaims> {
  if (state === undefined || state === '') throw stateProblem('missing');
  const checked = checkState(await deps.stateKey(), state, { channel, now });
  if (!checked.ok) {
    deps.logger.warn('shop connection state refused', { channel, reason: checked.reason });
    throw stateProblem(checked.reason);
  }
  if ((await deps.consumeNonce(checked.claims, now)) === 'replayed') {
    deps.logger.warn('shop connection state replayed', { channel, producerId: checked.claims.producerId });
    throw stateProblem('replayed');
  }
  return checked.claims;
}

async function ensureShopFree(
  deps: ShopConnectionDeps,
  shop: { channel: Channel; shopId: string; producerId: string },
): Promise<void> {
  if ((await deps.otherLinkedProducers(shop)).length === 0) return;
  deps.logger.warn('shop already linked to another producer', shop);
  throw shopTakenByAnotherProducer(shop.channel);
}

async function exchange<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AuthorizationRejectedError) {
      throw authorizationRefused(error.channel, error.reason, error.humanMessage);
    }
    throw error;
  }
}
