import type { Channel } from '@ocop-sync/domain';
import type { Logger } from '../types.js';
import { MarketplaceError, RetryableError } from './errors.js';
import { type RateLimit, RateLimiter } from './rate-limiter.js';
import { redactUrl } from './redact.js';
import { backoffDelay, type RetryPolicy } from './retry.js';
import type { SharedRateLimiter } from './shared-rate-limiter.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | FormData;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** What a marketplace module makes of a response. */
export type Verdict<T> =
  | { kind: 'done'; value: T }
  | { kind: 'retry'; code: string; message: string; retryAfterMs?: number; throttled: boolean }
  | { kind: 'fail'; error: Error };

export interface RateScope {
  key: string;
  /** This execution's own bucket: the whole limit, or its static share of an app-wide one. */
  limit: RateLimit;
  /** The whole app-wide limit, paced through the shared limiter when the client has one. */
  shared?: RateLimit;
}

export interface Call<T> {
  /** Names the call in logs (`add_item`, `PUT /v1/stock`). */
  operation: string;
  /** Buckets the call counts against, e.g. the app and the shop. */
  scopes: readonly RateScope[];
  /** Built afresh for each attempt so timestamps, nonces and signatures are new. */
  build(): HttpRequest | Promise<HttpRequest>;
  interpret(response: HttpResponse): Verdict<T>;
  /**
   * False for writes that are not idempotent on the marketplace (create): a timeout or 5xx might have
   * applied them, so only throttling (certainly not applied) is retried here.
   */
  retryAmbiguous?: boolean;
}

export interface HttpClientOptions {
  channel: Channel;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  limiter?: RateLimiter;
  /** Paces scopes with a `shared` limit across executions; without it every scope uses `limit` locally. */
  sharedLimiter?: SharedRateLimiter | undefined;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

type Attempt<T> = { kind: 'done'; value: T } | Extract<Verdict<T>, { kind: 'retry' }>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one HTTP client the three adapters share: rate limit, timeout, retry with back-off, safe logs. */
export class HttpClient {
  readonly channel: Channel;
  readonly #options: Required<Omit<HttpClientOptions, 'sharedLimiter'>>;
  readonly #shared: SharedRateLimiter | undefined;

  constructor({ sharedLimiter, ...options }: HttpClientOptions) {
    this.channel = options.channel;
    this.#shared = sharedLimiter;
    this.#options = {
      limiter: new RateLimiter(options.now),
      fetch: globalThis.fetch,
      sleep: defaultSleep,
      random: Math.random,
      now: Date.now,
      ...options,
    };
  }

  /** Runs the call until it is done, fails for good, or the retry budget is spent. */
  async send<T>(call: Call<T>): Promise<T> {
    const { retry, now, sleep, random } = this.#options;
    const startedAt = now();
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#attempt(call, attempt);
      if (outcome.kind === 'done') return outcome.value;
      const delay = backoffDelay(retry, attempt - 1, random, outcome.retryAfterMs);
      if (outcome.throttled) this.#pause(call.scopes, delay);
      const mayRetry = outcome.throttled || call.retryAmbiguous !== false;
      const overBudget = now() - startedAt + delay > retry.budgetMs;
      if (!mayRetry || attempt >= retry.maxAttempts || overBudget) {
        throw new RetryableError(`${call.operation}: ${outcome.message} (after ${attempt} attempts)`, {
          channel: this.channel,
          code: outcome.code,
          attempts: attempt,
          ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
        });
      }
      await sleep(delay);
    }
  }

  async #attempt<T>(call: Call<T>, attempt: number): Promise<Attempt<T>> {
    const { sleep, now } = this.#options;
    const wait = await this.#reserve(call.scopes);
    if (wait > 0) await sleep(wait);
    const request = await call.build();
    const startedAt = now();
    let outcome: Attempt<T>;
    let status: number | undefined;
    try {
      const response = await this.#fetch(request);
      status = response.status;
      outcome = this.#judge(call, response);
    } catch (error) {
      if (error instanceof MarketplaceError) throw error;
      outcome = transportFailure(error);
    }
    this.#log(call, request, attempt, now() - startedAt, status, outcome);
    return outcome;
  }

  /**
   * Milliseconds until every scope allows the call. On a quiet path (this execution has not claimed for a
   * second and its own share has a token now) a shared scope goes at once and the call is counted on the
   * shared limit afterwards: no store round trip before a lone stock push. Otherwise the call waits for
   * permits claimed from the shared limiter.
   */
  async #reserve(scopes: readonly RateScope[]): Promise<number> {
    const { limiter } = this.#options;
    const shared = this.#shared;
    if (shared === undefined) return limiter.reserve(scopes);
    let wait = limiter.reserve(scopes.filter((scope) => scope.shared === undefined));
    for (const scope of scopes) {
      if (scope.shared === undefined) continue;
      if (shared.idle(scope.key) && limiter.tryTake(scope)) {
        shared.record(scope.key, scope.shared);
        continue;
      }
      try {
        wait = Math.max(wait, await shared.acquire(scope.key, scope.shared));
      } catch {
        // The shared store failed (logged by the limiter): this execution's static share still protects the app.
        wait = Math.max(wait, limiter.reserve([scope]));
      }
    }
    return wait;
  }

  #pause(scopes: readonly RateScope[], ms: number): void {
    this.#options.limiter.pause(scopes, ms);
    for (const scope of scopes) if (scope.shared !== undefined) this.#shared?.pause(scope.key, ms);
  }

  async #fetch(request: HttpRequest): Promise<HttpResponse> {
    const response = await this.#options.fetch(request.url, {
      method: request.method,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(this.#options.timeoutMs),
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  #judge<T>(call: Call<T>, response: HttpResponse): Attempt<T> {
    let verdict: Verdict<T>;
    try {
      verdict = call.interpret(response);
    } catch (error) {
      if (error instanceof MarketplaceError) throw error;
      const message = `unreadable response (HTTP ${response.status})`;
      return { kind: 'retry', code: 'unreadable-response', message, throttled: false };
    }
    if (verdict.kind === 'fail') throw verdict.error;
    return verdict;
  }

  #log<T>(
    call: Call<T>,
    request: HttpRequest,
    attempt: number,
    ms: number,
    status: number | undefined,
    outcome: Attempt<T>,
  ) {
    const attributes = {
      channel: this.channel,
      operation: call.operation,
      method: request.method,
      url: redactUrl(request.url),
      attempt,
      durationMs: Math.round(ms),
      status,
      ...(outcome.kind === 'retry' ? { code: outcome.code, retryAfterMs: outcome.retryAfterMs } : {}),
    };
    if (outcome.kind === 'done') this.#options.logger.debug('marketplace request', attributes);
    else this.#options.logger.warn('marketplace request failed, may retry', attributes);
  }
}

/** Timeouts, refused or reset connections: the request may or may not have reached the marketplace. */
function transportFailure<T>(error: unknown): Attempt<T> {
  const name = error instanceof Error ? error.name : 'Error';
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const detail = cause !== undefined && 'code' in cause ? String(cause.code) : name;
  return timedOut
    ? { kind: 'retry', code: 'timeout', message: 'request timed out', throttled: false }
    : { kind: 'retry', code: 'network', message: `connection failed (${detail})`, throttled: false };
}
