import type { DriverFactory } from '../core/driver.js';
import { OrderBook } from '../core/order-book.js';
import { requestIdSource } from '../core/request-ids.js';
import { Sequence } from '../core/sequence.js';
import { TokenStore } from '../core/token-store.js';
import type { ShopeeApp } from '../types.js';
import { authenticateShopee } from './shopee-auth.js';
import { createShopeeAuthPages } from './shopee-auth-pages.js';
import type { ShopeeContext } from './shopee-context.js';
import { SHOPEE_MESSAGES as M, shopeeError } from './shopee-errors.js';
import { MediaSpace, registerShopeeMediaRoutes } from './shopee-media-space.js';
import { registerShopeeOrderRoutes } from './shopee-order-routes.js';
import { shopeeRoutes } from './shopee-product-routes.js';
import { buildShopeePush } from './shopee-push.js';
import { SHOPEE_STOCK_AND_PRICE_WRITES } from './shopee-stock-routes.js';
import { registerShopeeTokenRoutes } from './shopee-token-routes.js';

/** Shopee Open Platform v2: paths under `/api/v2/`, signed query parameters, JSON bodies. */
export const createShopeeDriver: DriverFactory<'shopee'> = (deps) => {
  const app: ShopeeApp = {
    kind: 'shopee',
    partnerId: 2_000_000 + deps.ids.int(900_000),
    partnerKey: `shpk${deps.ids.hex(60)}`,
  };
  const tokens = new TokenStore({
    now: deps.now,
    accessTtlMs: deps.limits.accessTtlMs,
    refreshTtlMs: deps.limits.refreshTtlMs,
    codeTtlMs: deps.limits.codeTtlMs,
    makeToken: () => deps.ids.hex(32),
  });
  const shopIds = new Sequence(322_300_001);
  const itemIds = new Sequence(3_000_000_001);
  const mediaSpace = new MediaSpace();
  const nextRequestId = requestIdSource(deps.ids, 32);
  const orders = new OrderBook(deps.catalogue, deps.now);
  const router = registerShopeeOrderRoutes(
    registerShopeeTokenRoutes(registerShopeeMediaRoutes(shopeeRoutes())),
    orders,
  );
  const notFound = (path: string) =>
    shopeeError(nextRequestId(), 'error_not_found', `Invalid api path ${path}.`, 404);

  return {
    kind: 'shopee',
    app,
    owns: (path) => path.startsWith('/api/v2/'),
    authenticate: (request) =>
      authenticateShopee(request, {
        app,
        now: deps.now,
        timestampWindowMs: deps.limits.timestampWindowMs,
        tokens,
        shopExists: (shopId) => deps.catalogue.shop(shopId) !== undefined,
        requestId: nextRequestId,
      }),
    handle: async (request, identity) => {
      const match = router.match(request.method, request.path);
      if (match === undefined || match === 'method') return notFound(request.path);
      const context: ShopeeContext = {
        app,
        catalogue: deps.catalogue,
        tokens,
        itemIds,
        mediaSpace,
        now: deps.now,
        requestId: nextRequestId(),
        shopId: identity.shopId ?? '',
      };
      return match.handler(request, context, match.params);
    },
    pages: createShopeeAuthPages({
      auth: {
        app,
        now: deps.now,
        timestampWindowMs: deps.limits.timestampWindowMs,
        tokens,
        shopExists: (shopId) => deps.catalogue.shop(shopId) !== undefined,
        requestId: nextRequestId,
      },
      catalogue: deps.catalogue,
    }),
    notFound: (request) => notFound(request.path),
    throttled: () => shopeeError(nextRequestId(), 'error_system_busy', M.busy, 429),
    serverError: (status) => shopeeError(nextRequestId(), 'error_server', M.server, status),
    // Not a documented code: a policy refusal the adapter must treat as permanent (any non-transient code).
    itemRefused: () => shopeeError(nextRequestId(), 'error_item_not_allowed', M.itemRefused),
    writesStockOrPrice: (request) => SHOPEE_STOCK_AND_PRICE_WRITES.has(request.path),
    createShop: (name) => {
      const shopId = shopIds.next();
      deps.catalogue.addShop({ shopId, name, authorised: true });
      return { shopId, name, ...tokens.issue(shopId), authCode: tokens.issueCode(shopId) };
    },
    expireAccessToken: (shopId) => tokens.expireAccess(shopId),
    issueAuthCode: (shopId) => tokens.issueCode(shopId),
    buildPush: (kind, target, data) =>
      buildShopeePush(app.partnerKey, deps.catalogue, deps.now(), { kind, target, data }, orders),
    reset: () => {
      tokens.clear();
      orders.clear();
      mediaSpace.clear();
    },
  };
};
