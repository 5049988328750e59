import { DEFAULT_HOST, DEFAULT_SEED, MARKETPLACE_DEFAULTS, type MarketplaceDefaults } from '../constants.js';
import type { MarketplaceKind, Sandbox, SandboxOptions } from '../types.js';
import { Catalogue } from './catalogue.js';
import { consentRequestSchema, playConsent } from './consent.js';
import { CONTROL_PREFIX, createControlApi } from './control-api.js';
import type { DriverFactory } from './driver.js';
import { FaultInjector } from './fault-injector.js';
import { type Answer, startHttpServer } from './http-server.js';
import type { SandboxRequest, SandboxResponse } from './http-types.js';
import type { AppSettings } from './pages.js';
import { createPipeline } from './pipeline.js';
import { createPrng } from './prng.js';
import { sendPush } from './push-sender.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLog } from './request-log.js';
import { banItemSchema, pushDataSchema, pushKindSchema, sellerCentreEditSchema } from './schemas.js';
import { SellerCentre } from './seller-centre.js';

/** Assembles the shared core around one marketplace driver and starts listening. */
export async function hostSandbox<K extends MarketplaceKind>(
  kind: K,
  options: SandboxOptions,
  factory: DriverFactory<K>,
): Promise<Sandbox<K>> {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now ?? Date.now;
  const limits = resolveLimits(kind, options);
  const catalogue = new Catalogue(now);
  const settings: AppSettings = { callbackUrl: options.callbackUrl };
  const driver = factory({ now, catalogue, ids: createPrng(seed ^ 0x5eed5eed), limits, settings });
  const faults = new FaultInjector(seed);
  const limiter = new RateLimiter(now);
  const log = new RequestLog();
  const sellerCentre = new SellerCentre(catalogue);
  const pipeline = createPipeline({
    driver,
    catalogue,
    faults,
    limiter,
    log,
    now,
    perApp: options.rateLimits?.perApp ?? limits.perApp,
    perShop: options.rateLimits?.perShop ?? limits.perShop,
  });
  let control: ((request: SandboxRequest) => Promise<SandboxResponse>) | undefined;
  const server = await startHttpServer(options.host ?? DEFAULT_HOST, options.port ?? 0, async (request) => {
    const page = driver.pages?.(request);
    if (page !== undefined) {
      log.add({ method: request.method, path: request.path, status: page.status, at: now() });
      return { kind: 'respond', response: page } satisfies Answer;
    }
    if (!isControlPath(request.path) || control === undefined) return pipeline(request);
    return { kind: 'respond', response: await control(request) } satisfies Answer;
  });

  const sandbox: Sandbox<K> = {
    kind,
    url: server.url,
    port: server.port,
    app: driver.app,
    createShop: async (shopOptions) => driver.createShop(shopOptions?.name ?? `OCOP test shop ${Date.now()}`),
    listItems: (shopId) => catalogue.view(shopId),
    faults: { set: (config) => faults.set(config), clear: () => faults.clear() },
    expireAccessToken: (shopId) => {
      catalogue.requireShop(shopId);
      driver.expireAccessToken(shopId);
    },
    issueAuthCode: (shopId) => {
      catalogue.requireShop(shopId);
      return driver.issueAuthCode(shopId);
    },
    push: async (pushKind, target, data) => {
      const parsed = pushDataSchema.parse(data);
      catalogue.requireShop(parsed.shopId);
      return sendPush(target, driver.buildPush(pushKindSchema.parse(pushKind), target, parsed));
    },
    consent: (request) => playConsent(consentRequestSchema.parse(request)),
    setCallbackUrl: (callbackUrl) => {
      settings.callbackUrl = callbackUrl;
    },
    editInSellerCentre: (shopId, itemId, changes) =>
      sellerCentre.edit(shopId, itemId, sellerCentreEditSchema.parse(changes)),
    lockCampaignStock: (shopId, itemId) => sellerCentre.lockCampaignStock(shopId, itemId, true),
    unlockCampaignStock: (shopId, itemId) => sellerCentre.lockCampaignStock(shopId, itemId, false),
    banItem: (shopId, itemId, reason) =>
      sellerCentre.ban(shopId, itemId, banItemSchema.parse({ reason }).reason),
    requestLog: () => log.all(),
    reset: () => {
      catalogue.clear();
      driver.reset();
      faults.clear();
      limiter.clear();
      log.clear();
    },
    close: () => server.close(),
  };
  control = createControlApi(sandbox);
  return sandbox;
}

function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

function resolveLimits(kind: MarketplaceKind, options: SandboxOptions): MarketplaceDefaults {
  const defaults = MARKETPLACE_DEFAULTS[kind];
  return {
    ...defaults,
    accessTtlMs:
      options.tokenTtlSeconds === undefined ? defaults.accessTtlMs : options.tokenTtlSeconds * 1000,
    refreshTtlMs:
      options.refreshTokenTtlSeconds === undefined
        ? defaults.refreshTtlMs
        : options.refreshTokenTtlSeconds * 1000,
  };
}
