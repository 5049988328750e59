import type { Channel } from '@ocop-sync/domain';
import type { Logger } from '../types.js';
import { defaultRetryPolicy, defaultTimeoutMs } from './constants.js';
import { HttpClient, type RateScope } from './http-client.js';
import type { RateLimit } from './rate-limiter.js';
import type { RetryPolicy } from './retry.js';
import type { SharedRateLimiter } from './shared-rate-limiter.js';

/** What every adapter takes besides its app credentials. */
export interface AdapterOptions {
  /** Marketplace host, or a sandbox's URL in tests (no trailing slash needed). */
  baseUrl: string;
  logger?: Logger;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Set a little under the marketplace's limit so the adapter is never the one throttled. */
  rateLimits?: { perApp?: RateLimit; perShop?: RateLimit };
  /**
   * This process's share (0..1] of the app-wide limit: 1 / the executions that may call the marketplace at
   * once, since each Lambda execution environment keeps its own token buckets. With `sharedRateLimiter` it
   * paces only quiet calls and the fallback. Default 1.
   */
  appRateShare?: number;
  /**
   * Paces the app-wide limit across every execution through a shared store (the ledger table); the static
   * `appRateShare` is then only the fallback for when the store cannot be reached.
   */
  sharedRateLimiter?: SharedRateLimiter;
  /** Refresh an access token this long before it expires. */
  refreshAheadMs?: number;
  /** Reuse a shop's tokens read from the token store for this long (TokenKeeper's default: 5 minutes). */
  tokenCacheMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface Defaults {
  rateLimits: { perApp: RateLimit; perShop: RateLimit };
  refreshAheadMs: number;
}

const silent = () => undefined;
export const silentLogger: Logger = { debug: silent, info: silent, warn: silent, error: silent };

/** The shared HTTP client and rate scopes, configured for one adapter. */
export function sharedKit(channel: Channel, appId: string, options: AdapterOptions, defaults: Defaults) {
  const wholeApp = options.rateLimits?.perApp ?? defaults.rateLimits.perApp;
  const perApp = shareOf(wholeApp, options.appRateShare ?? 1);
  const perShop = options.rateLimits?.perShop ?? defaults.rateLimits.perShop;
  const http = new HttpClient({
    channel,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    retry: { ...defaultRetryPolicy, ...options.retry },
    logger: options.logger ?? silentLogger,
    sharedLimiter: options.sharedRateLimiter,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const scopes = (shopId?: string): RateScope[] => [
    { key: `${channel}:app:${appId}`, limit: perApp, shared: wholeApp },
    ...(shopId === undefined ? [] : [{ key: `${channel}:shop:${shopId}`, limit: perShop }]),
  ];
  return {
    http,
    scopes,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    now: options.now ?? Date.now,
    refreshAheadMs: options.refreshAheadMs ?? defaults.refreshAheadMs,
    tokenCacheMs: options.tokenCacheMs,
  };
}

/** A slice of an app-wide limit; the burst never drops below one request. */
function shareOf(limit: RateLimit, share: number): RateLimit {
  if (!(share > 0 && share <= 1)) throw new RangeError('appRateShare must be in (0, 1]');
  return { ratePerSecond: limit.ratePerSecond * share, burst: Math.max(1, limit.burst * share) };
}
