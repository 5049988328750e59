import type { DriverFactory } from '../core/driver.js';
import { requestIdSource } from '../core/request-ids.js';
import { Sequence } from '../core/sequence.js';
import type { PostmartApp } from '../types.js';
import { authenticatePostmart } from './postmart-auth.js';
import type { PostmartContext } from './postmart-context.js';
import { PM, postmartError } from './postmart-errors.js';
import { createPostmartGrantPages } from './postmart-grant-pages.js';
import { IdempotencyStore } from './postmart-idempotency.js';
import { postmartRoutes } from './postmart-product-routes.js';
import { buildPostmartPush } from './postmart-push.js';

const NO_EXPIRY = Number.MAX_SAFE_INTEGER;

/** Postmart per our proposal (research §3.2): `/v1/...`, header-signed requests, JSON, Idempotency-Key on writes. */
export const createPostmartDriver: DriverFactory<'postmart'> = (deps) => {
  const webhookKey = Buffer.from(Array.from({ length: 24 }, () => deps.ids.int(256)));
  const app: PostmartApp = {
    kind: 'postmart',
    clientId: `pm_app_${deps.ids.hex(6)}`,
    clientSecret: `pmsk_test_${deps.ids.hex(16)}`,
    webhookSecret: `whsec_${webhookKey.toString('base64')}`,
  };
  const sellerIds = new Sequence(1);
  const itemIds = new Sequence(88_001);
  const skuIds = new Sequence(10_001);
  const nonces = new Map<string, number>();
  const idempotency = new IdempotencyStore(deps.now);
  const nextRequestId = requestIdSource(deps.ids, 32);
  const router = postmartRoutes();
  const notFound = (path: string) => postmartError(nextRequestId(), PM.notFound(path));

  return {
    kind: 'postmart',
    app,
    owns: (path) => path.startsWith('/v1/'),
    authenticate: (request) =>
      authenticatePostmart(request, {
        app,
        now: deps.now,
        timestampWindowMs: deps.limits.timestampWindowMs,
        nonces,
        sellerAuthorised: (sellerId) => deps.catalogue.shop(sellerId)?.authorised === true,
        requestId: nextRequestId,
      }),
    handle: async (request, identity) => {
      const match = router.match(request.method, request.path);
      if (match === undefined || match === 'method') return notFound(request.path);
      const shopId = identity.shopId ?? '';
      const decision = idempotency.decide(request, shopId);
      if (decision.kind === 'replay') return decision.response;
      if (decision.kind === 'refuse') return postmartError(nextRequestId(), decision.failure);
      const context: PostmartContext = {
        catalogue: deps.catalogue,
        itemIds,
        skuIds,
        now: deps.now,
        requestId: nextRequestId(),
        shopId,
      };
      const response = await match.handler(request, context, match.params);
      decision.remember(response);
      return response;
    },
    pages: createPostmartGrantPages({ app, catalogue: deps.catalogue, settings: deps.settings }),
    notFound: (request) => notFound(request.path),
    throttled: (retryAfterMs) =>
      postmartError(nextRequestId(), PM.rateLimited, {
        'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      }),
    serverError: (status) => postmartError(nextRequestId(), PM.server(status)),
    itemRefused: () => postmartError(nextRequestId(), PM.productRefused),
    writesStockOrPrice: (request) =>
      request.method === 'PUT' &&
      (request.path === '/v1/stock' || /^\/v1\/products\/[^/]+\/skus\/[^/]+\/price$/.test(request.path)),
    createShop: (name) => {
      const shopId = `PM-SELLER-${sellerIds.next().padStart(6, '0')}`;
      deps.catalogue.addShop({ shopId, name, authorised: true });
      return {
        shopId,
        name,
        accessToken: '',
        refreshToken: '',
        accessTokenExpiresAt: NO_EXPIRY,
        refreshTokenExpiresAt: NO_EXPIRY,
        authCode: '',
      };
    },
    // The proposal has no tokens: the nearest event is the seller withdrawing the grant (403 SELLER_NOT_AUTHORIZED).
    expireAccessToken: (shopId) => {
      const shop = deps.catalogue.shop(shopId);
      if (shop) shop.authorised = false;
    },
    issueAuthCode: () => '',
    buildPush: (kind, _target, data) =>
      buildPostmartPush(
        app.webhookSecret,
        { catalogue: deps.catalogue, now: deps.now(), ids: deps.ids },
        kind,
        data,
      ),
    reset: () => {
      nonces.clear();
      idempotency.clear();
    },
  };
};
