import { POSTMART_IDEMPOTENCY_TTL_MS } from '../constants.js';
import { sha256Hex } from '../core/crypto.js';
import { header, type SandboxRequest, type SandboxResponse } from '../core/http-types.js';
import { PM, type PostmartFailure } from './postmart-errors.js';

interface Remembered {
  readonly fingerprint: string;
  readonly response: SandboxResponse;
  readonly at: number;
}

export type IdempotencyDecision =
  | { readonly kind: 'run'; readonly remember: (response: SandboxResponse) => void }
  | { readonly kind: 'replay'; readonly response: SandboxResponse }
  | { readonly kind: 'refuse'; readonly failure: PostmartFailure };

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes need `Idempotency-Key`: the same key and body within 24 h replays the first answer, the same key with
 * another body is 409 IDEMPOTENCY_KEY_REUSED (proposal §3.2). 5xx answers are not remembered, so a retry runs.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, Remembered>();

  constructor(private readonly now: () => number) {}

  decide(request: SandboxRequest, sellerId: string): IdempotencyDecision {
    if (!WRITES.has(request.method)) return { kind: 'run', remember: () => undefined };
    const key = header(request, 'idempotency-key');
    if (!key)
      return {
        kind: 'refuse',
        failure: PM.invalidParam(
          'Idempotency-Key',
          'required',
          'Header Idempotency-Key is required on writes.',
        ),
      };
    const now = this.now();
    const slot = `${sellerId}\n${key}`;
    const fingerprint = sha256Hex(
      `${request.method}\n${request.path}\n${request.query}\n${sha256Hex(request.rawBody)}`,
    );
    const known = this.#entries.get(slot);
    if (known && now - known.at <= POSTMART_IDEMPOTENCY_TTL_MS) {
      return known.fingerprint === fingerprint
        ? { kind: 'replay', response: known.response }
        : { kind: 'refuse', failure: PM.idempotencyReused };
    }
    return {
      kind: 'run',
      remember: (response) => {
        if (response.status < 500) this.#entries.set(slot, { fingerprint, response, at: now });
      },
    };
  }

  clear(): void {
    this.#entries.clear();
  }
}
