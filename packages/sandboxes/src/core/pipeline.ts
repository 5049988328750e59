import { setTimeout as sleep } from 'node:timers/promises';
import type { BucketConfig, MarketplaceKind, RequestLogEntry } from '../types.js';
import type { Catalogue } from './catalogue.js';
import type { Identity, MarketplaceDriver } from './driver.js';
import type { FaultInjector } from './fault-injector.js';
import type { Answer } from './http-server.js';
import type { SandboxRequest, SandboxResponse } from './http-types.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestLog } from './request-log.js';
import { rememberStockAndPrices } from './seller-centre.js';

export interface PipelineParts<K extends MarketplaceKind> {
  readonly driver: MarketplaceDriver<K>;
  readonly catalogue: Catalogue;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly log: RequestLog;
  readonly now: () => number;
  readonly perApp: BucketConfig | false;
  readonly perShop: BucketConfig | false;
}

type Logged = Omit<RequestLogEntry, 'method' | 'path' | 'at'>;

/** Network faults first, then the marketplace's own checks, then rate limits, then the route. */
export function createPipeline<K extends MarketplaceKind>(parts: PipelineParts<K>) {
  const { driver, faults, log, now } = parts;
  const record = (request: SandboxRequest, entry: Logged): void =>
    log.add({ method: request.method, path: request.path, at: now(), ...entry });
  const respond = (
    request: SandboxRequest,
    response: SandboxResponse,
    extra: Omit<Logged, 'status'>,
  ): Answer => {
    record(request, { status: response.status, ...extra });
    return { kind: 'respond', response };
  };

  return async (request: SandboxRequest): Promise<Answer> => {
    if (!driver.owns(request.path)) return respond(request, driver.notFound(request), {});
    const decision = faults.decide(request.path);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    const { action } = decision;
    if (action.kind === 'drop' || action.kind === 'timeout') {
      record(request, { status: 0, fault: action.kind });
      return action.kind === 'drop' ? { kind: 'drop' } : { kind: 'hang', ms: action.hangMs };
    }
    if (action.kind === 'error')
      return respond(request, driver.serverError(action.status), { fault: 'error' });
    if (action.kind === 'throttle') return respond(request, driver.throttled(1000), { fault: 'throttle' });
    const auth = driver.authenticate(request);
    if (!auth.ok) return respond(request, auth.response, withShop(auth.shopId));
    const rate = admit(parts, auth.identity);
    if (rate !== undefined) {
      return respond(request, driver.throttled(rate), {
        fault: 'rate-limit',
        ...withShop(auth.identity.shopId),
      });
    }
    if (faults.refuses(request.method, request.bodyText)) {
      return respond(request, driver.itemRefused(), { fault: 'refuse', ...withShop(auth.identity.shopId) });
    }
    const shopId = auth.identity.shopId;
    if (shopId !== undefined && driver.writesStockOrPrice(request) && faults.ignoresWrite(request.path)) {
      const { response, ignored } = await handleThenUndo(parts, request, auth.identity, shopId);
      return respond(request, response, ignored ? { fault: 'ignored', shopId } : { shopId });
    }
    return respond(request, await handleSafely(driver, request, auth.identity), withShop(shopId));
  };
}

/** The real route answers (same validation, same success body), then its stock/price changes are undone. */
async function handleThenUndo<K extends MarketplaceKind>(
  parts: PipelineParts<K>,
  request: SandboxRequest,
  identity: Identity,
  shopId: string,
): Promise<{ response: SandboxResponse; ignored: boolean }> {
  const undo = rememberStockAndPrices(parts.catalogue, shopId);
  const response = await handleSafely(parts.driver, request, identity);
  return { response, ignored: undo() };
}

function withShop(shopId: string | undefined): { shopId?: string } {
  return shopId === undefined ? {} : { shopId };
}

/** undefined when admitted, otherwise the wait in ms. */
function admit<K extends MarketplaceKind>(parts: PipelineParts<K>, identity: Identity): number | undefined {
  const levels = [{ key: `app:${identity.appId}`, config: parts.perApp }];
  if (identity.shopId !== undefined) {
    levels.push({ key: `shop:${identity.appId}:${identity.shopId}`, config: parts.perShop });
  }
  const decision = parts.limiter.take(levels);
  return decision.ok ? undefined : decision.retryAfterMs;
}

async function handleSafely<K extends MarketplaceKind>(
  driver: MarketplaceDriver<K>,
  request: SandboxRequest,
  identity: Identity,
): Promise<SandboxResponse> {
  try {
    return await driver.handle(request, identity);
  } catch (error) {
    // A bug in the sandbox must still look like the marketplace failing, and be visible to whoever runs it.
    console.error(`[sandbox:${driver.kind}] ${request.method} ${request.path} failed`, error);
    return driver.serverError(500);
  }
}
