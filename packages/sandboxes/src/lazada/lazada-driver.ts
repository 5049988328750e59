import type { DriverFactory } from '../core/driver.js';
import { OrderBook } from '../core/order-book.js';
import { requestIdSource } from '../core/request-ids.js';
import { Sequence } from '../core/sequence.js';
import { TokenStore } from '../core/token-store.js';
import type { LazadaApp } from '../types.js';
import { authenticateLazada, LAZADA_PREFIX } from './lazada-auth.js';
import { createLazadaAuthPages } from './lazada-auth-pages.js';
import type { LazadaContext } from './lazada-context.js';
import { LAZADA_FAILURES as F, lazadaError } from './lazada-errors.js';
import { registerLazadaImageRoutes } from './lazada-image-routes.js';
import { registerLazadaOrderRoutes } from './lazada-order-routes.js';
import { lazadaParams } from './lazada-params.js';
import { lazadaRoutes } from './lazada-product-routes.js';
import { buildLazadaPush } from './lazada-push.js';
import { LAZADA_STOCK_AND_PRICE_WRITES } from './lazada-stock-routes.js';
import { registerLazadaTokenRoutes } from './lazada-token-routes.js';

/** Lazada Open Platform: `/rest/<api path>`, signed parameters in the query or a form body. */
export const createLazadaDriver: DriverFactory<'lazada'> = (deps) => {
  const app: LazadaApp = {
    kind: 'lazada',
    appKey: String(100_000 + deps.ids.int(900_000)),
    appSecret: deps.ids.alnum(32),
  };
  const tokens = new TokenStore({
    now: deps.now,
    accessTtlMs: deps.limits.accessTtlMs,
    refreshTtlMs: deps.limits.refreshTtlMs,
    codeTtlMs: deps.limits.codeTtlMs,
    makeToken: (use) =>
      use === 'code'
        ? `0_${app.appKey}_${deps.ids.alnum(20)}`
        : `5000${use === 'access' ? '0' : '1'}${deps.ids.alnum(55)}`,
  });
  const sellerIds = new Sequence(1_000_001);
  const itemIds = new Sequence(2_374_790_001);
  const skuIds = new Sequence(13_896_560_001);
  const nextRequestId = requestIdSource(deps.ids, 25);
  const orders = new OrderBook(deps.catalogue, deps.now);
  const router = registerLazadaOrderRoutes(
    registerLazadaTokenRoutes(registerLazadaImageRoutes(lazadaRoutes())),
    orders,
  );
  const notFound = (path: string) => lazadaError(nextRequestId(), F.notFound(path));

  return {
    kind: 'lazada',
    app,
    owns: (path) => path.startsWith(`${LAZADA_PREFIX}/`),
    authenticate: (request) =>
      authenticateLazada(request, {
        app,
        now: deps.now,
        timestampWindowMs: deps.limits.timestampWindowMs,
        tokens,
        requestId: nextRequestId,
      }),
    handle: async (request, identity) => {
      const match = router.match(request.method, request.path);
      if (match === undefined || match === 'method') return notFound(request.path);
      const context: LazadaContext = {
        app,
        catalogue: deps.catalogue,
        tokens,
        itemIds,
        skuIds,
        now: deps.now,
        requestId: nextRequestId(),
        shopId: identity.shopId ?? '',
        params: lazadaParams(request),
      };
      return match.handler(request, context, match.params);
    },
    pages: createLazadaAuthPages({ app, tokens, catalogue: deps.catalogue, settings: deps.settings }),
    notFound: (request) => notFound(request.path),
    throttled: () => lazadaError(nextRequestId(), F.apiCallLimit),
    serverError: (status) => lazadaError(nextRequestId(), F.internal, 'ISP', status),
    itemRefused: () => lazadaError(nextRequestId(), F.itemRefused),
    writesStockOrPrice: (request) => LAZADA_STOCK_AND_PRICE_WRITES.has(request.path),
    createShop: (name) => {
      const shopId = sellerIds.next();
      deps.catalogue.addShop({ shopId, name, authorised: true });
      return { shopId, name, ...tokens.issue(shopId), authCode: tokens.issueCode(shopId) };
    },
    expireAccessToken: (shopId) => tokens.expireAccess(shopId),
    issueAuthCode: (shopId) => tokens.issueCode(shopId),
    buildPush: (kind, _target, data) => buildLazadaPush(app, deps.catalogue, deps.now(), kind, data, orders),
    reset: () => {
      tokens.clear();
      orders.clear();
    },
  };
};
