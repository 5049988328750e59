import { channel, identifier } from '@ocop-sync/domain';
import { z } from 'zod';
import { type ApiRoute, defineRoute } from '../route.js';
import { beginConnection, completeConnection } from '../shop-connection/connect.js';
import { shopConnectionDeps } from '../shop-connection/deps.js';
import { disconnectShop } from '../shop-connection/disconnect.js';
import { bilingual, listOf, toList } from './schemas.js';

const shopParams = z.strictObject({ producerId: identifier, channel });

const connectionStarted = z
  .object({ channel, authorizationUrl: z.url(), expiresAt: z.iso.datetime() })
  .meta({ id: 'ShopConnectionStarted' });

export const connectShop = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/shops/{channel}/connect',
  scope: 'shops:connect',
  tag: 'shops',
  summary:
    "Starts connecting a marketplace shop: the marketplace's authorisation page to send the producer to",
  description:
    'The URL carries a signed `state` bound to the producer and the marketplace, usable once within 10 minutes. ' +
    'After the seller agrees, the marketplace redirects to `/v1/oauth/{channel}/callback`.',
  params: shopParams,
  response: connectionStarted,
  handle: ({ params, deps }) => beginConnection(shopConnectionDeps(deps), params),
});

const connectionCompleted = z
  .object({
    connected: z.literal(true),
    producerId: identifier,
    channel,
    shopId: z.string(),
    message: bilingual,
  })
  .meta({ id: 'ShopConnected' });

/** What the marketplaces send back (research §1.2, §2.2, §3.2); others are passed on, the authorizer checks them. */
const callbackQuery = z.looseObject({
  state: z.string().max(1024).optional(),
  code: z.string().max(512).optional(),
  shop_id: z.string().max(64).optional(),
  seller_id: z.string().max(64).optional(),
  main_account_id: z.string().max(64).optional(),
  error: z.string().max(256).optional(),
});

export const shopCallback = defineRoute({
  method: 'GET',
  path: '/v1/oauth/{channel}/callback',
  // No token: the marketplace redirects the seller's browser here. The signed, single-use state authenticates it.
  scope: 'public',
  tag: 'shops',
  summary: "The marketplace's redirect after the seller agreed: stores the shop's tokens and links the shop",
  params: z.strictObject({ channel }),
  query: callbackQuery,
  response: connectionCompleted,
  handle: async ({ params, query, deps }) => {
    const strings = Object.entries(query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    const done = await completeConnection(shopConnectionDeps(deps), {
      channel: params.channel,
      query: Object.fromEntries(strings),
    });
    return {
      connected: true as const,
      ...done,
      message: {
        vi: 'Đã kết nối gian hàng với ocop-sync. Bạn có thể đóng trang này.',
        en: 'The shop is connected to ocop-sync. You can close this page.',
      },
    };
  },
});

const linkedShop = z
  .object({ channel, shopId: z.string(), status: z.enum(['linked', 'unlinked']) })
  .meta({ id: 'LinkedShop' });

export const listShops = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/shops',
  scope: 'producer:read',
  tag: 'shops',
  summary: "The producer's marketplace shops and whether each is linked (never their tokens)",
  params: z.strictObject({ producerId: identifier }),
  response: listOf(linkedShop),
  handle: async ({ params, deps }) => {
    const accounts = await deps.ledger.listChannelAccounts(params.producerId);
    return toList(accounts.map(({ channel, shopId, status }) => ({ channel, shopId, status })));
  },
});

const shopDisconnected = z
  .object({
    channel,
    shopId: z.string(),
    revoked: z.boolean(),
    revokeNote: z.string().optional(),
    listings: z.enum(['delist', 'keep']),
    delisted: z.number().int(),
    delistFailed: z.number().int(),
  })
  .meta({ id: 'ShopDisconnected' });

export const disconnect = defineRoute({
  method: 'DELETE',
  path: '/v1/producers/{producerId}/shops/{channel}',
  scope: 'shops:connect',
  tag: 'shops',
  summary:
    'Disconnects a shop: delists its listings or keeps them, ends the grant where possible, drops the tokens',
  description:
    '`listings=delist` takes the live and paused listings down first (ListingSynced/ListingFailed as usual); ' +
    '`listings=keep` leaves them on the marketplace, no longer managed by ocop-sync.',
  params: shopParams,
  query: z.strictObject({ listings: z.enum(['delist', 'keep']) }),
  response: shopDisconnected,
  handle: ({ params, query, deps }) =>
    disconnectShop(shopConnectionDeps(deps), { ...params, listings: query.listings }),
});

/** The shop-connection routes, in the order they are used. */
export const shopRoutes: readonly ApiRoute[] = [connectShop, shopCallback, listShops, disconnect];
