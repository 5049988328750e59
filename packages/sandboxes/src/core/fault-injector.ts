import { DEFAULT_HANG_MS } from '../constants.js';
import { createPrng, type Prng } from './prng.js';
import { type FaultConfig, faultConfigSchema } from './schemas.js';

export type FaultAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'timeout'; readonly hangMs: number }
  | { readonly kind: 'error'; readonly status: number }
  | { readonly kind: 'throttle' };

export interface FaultDecision {
  readonly latencyMs: number;
  readonly action: FaultAction;
}

const NO_FAULT: FaultDecision = { latencyMs: 0, action: { kind: 'none' } };

/**
 * Decides, per request, which fault to inject. One PRNG draw per affected request, so a config set with a
 * given seed replays exactly the same faults for the same sequence of requests.
 */
export class FaultInjector {
  #config: FaultConfig = {};
  #prng: Prng;
  #throttleLeft = 0;

  constructor(private readonly defaultSeed: number) {
    this.#prng = createPrng(defaultSeed);
  }

  set(config: FaultConfig): void {
    this.#config = faultConfigSchema.parse(config);
    this.#prng = createPrng(this.#config.seed ?? this.defaultSeed);
    this.#throttleLeft = this.#config.throttleNext ?? 0;
  }

  clear(): void {
    this.set({});
  }

  /** Whether a write names a seller SKU the config refuses (`refuseSellerSkus`); GETs are never refused. */
  refuses(method: string, bodyText: string): boolean {
    const skus = this.#config.refuseSellerSkus;
    if (skus === undefined || skus.length === 0 || method === 'GET') return false;
    const body = decodeForm(bodyText);
    return skus.some((sku) =>
      new RegExp(`(^|[^A-Za-z0-9._-])${escapeRegExp(sku)}($|[^A-Za-z0-9._-])`).test(body),
    );
  }

  /**
   * Whether this stock or price write is to be acknowledged but not applied (`ignoreWriteRate`). One draw per
   * such write, from the same seeded PRNG, so a given seed ignores the same writes of the same sequence.
   */
  ignoresWrite(path: string): boolean {
    const rate = this.#config.ignoreWriteRate ?? 0;
    if (rate === 0) return false;
    if (this.#config.pathPrefix !== undefined && !path.startsWith(this.#config.pathPrefix)) return false;
    return this.#prng.next() < rate;
  }

  decide(path: string): FaultDecision {
    const config = this.#config;
    if (config.pathPrefix !== undefined && !path.startsWith(config.pathPrefix)) return NO_FAULT;
    const latencyMs = this.#latency(config.latencyMs);
    if (this.#throttleLeft > 0) {
      this.#throttleLeft -= 1;
      return { latencyMs, action: { kind: 'throttle' } };
    }
    return { latencyMs, action: this.#draw(config) };
  }

  #draw(config: FaultConfig): FaultAction {
    const drop = config.dropRate ?? 0;
    const timeout = config.timeoutRate ?? 0;
    const error = config.errorRate ?? 0;
    if (drop + timeout + error === 0) return { kind: 'none' };
    const roll = this.#prng.next();
    if (roll < drop) return { kind: 'drop' };
    if (roll < drop + timeout) return { kind: 'timeout', hangMs: config.hangMs ?? DEFAULT_HANG_MS };
    if (roll < drop + timeout + error) return { kind: 'error', status: config.errorStatus ?? 503 };
    return { kind: 'none' };
  }

  #latency(latency: FaultConfig['latencyMs']): number {
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    const [min, max] = latency;
    return min + this.#prng.next() * Math.max(0, max - min);
  }
}

/** Lazada sends its payload form-encoded: look at the decoded text so a SKU is found in any of the three. */
function decodeForm(bodyText: string): string {
  try {
    return decodeURIComponent(bodyText.replaceAll('+', ' '));
  } catch {
    return bodyText;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
