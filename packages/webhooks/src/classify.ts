import { LOGGED_RESPONSE_BODY_CHARS } from './constants.js';
import type { AttemptOutcome, AttemptResult, TransportResult } from './types.js';

/**
 * Status handling:
 * - 2xx: delivered.
 * - 409: the receiver already has this `webhook-id` (the usual answer of a deduplicating receiver);
 *   counted as delivered, never retried — resending the same bytes cannot resolve any other conflict.
 * - 408, 429, 5xx: retried on the schedule (`Retry-After` honoured up to an hour).
 * - 3xx: refused, redirects are not followed (they could lead to an address the guard would refuse).
 * - Any other 4xx: rejected, not retried.
 */
export function classifyStatus(statusCode: number): {
  outcome: AttemptOutcome;
  succeeded: boolean;
  retryable: boolean;
} {
  if (statusCode >= 200 && statusCode < 300)
    return { outcome: 'delivered', succeeded: true, retryable: false };
  if (statusCode === 409) return { outcome: 'duplicate', succeeded: true, retryable: false };
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    return { outcome: 'retryable-status', succeeded: false, retryable: true };
  }
  return { outcome: 'rejected', succeeded: false, retryable: false };
}

/** Turns what the transport saw into the delivery log's record of one attempt. */
export function toAttemptResult(
  result: TransportResult,
  attemptedAt: Date,
  latencyMs: number,
): AttemptResult {
  const base = { attemptedAt: attemptedAt.toISOString(), latencyMs: Math.round(latencyMs) };
  if (result.kind === 'error') {
    const retryable = result.error !== 'destination-refused';
    return { ...base, outcome: result.error, succeeded: false, retryable, errorCode: result.code };
  }
  const retryAfterSeconds = parseRetryAfter(result.retryAfter, attemptedAt);
  return {
    ...base,
    ...classifyStatus(result.statusCode),
    statusCode: result.statusCode,
    responseBody: result.body.slice(0, LOGGED_RESPONSE_BODY_CHARS),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
