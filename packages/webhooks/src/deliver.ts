import { performance } from 'node:perf_hooks';
import { toAttemptResult } from './classify.js';
import { MissingSecretError } from './errors.js';
import { signedHeaders } from './signing.js';
import type { AttemptResult, Clock, HttpTransport, WebhookMessage } from './types.js';

export interface DeliveryTarget {
  endpointId: string;
  url: string;
  /** Every secret that signs right now, newest first (two during a rotation's overlap). */
  secrets: readonly string[];
}

export interface DeliverOptions {
  transport: HttpTransport;
  /** Gives the `webhook-timestamp`; latency is measured with a monotonic timer, not with this clock. */
  clock: Clock;
}

/**
 * One attempt: signs the stored body with the endpoint's current secrets (Standard Webhooks headers,
 * a fresh timestamp per attempt, the same `webhook-id` every time), posts it and classifies the answer.
 *
 * @example
 * const result = await deliver(message, { endpointId, url, secrets }, { transport: transport.send, clock });
 * if (result.retryable) planNextAttempt([...previous, result], clock.now());
 */
export async function deliver(
  message: Pick<WebhookMessage, 'messageId' | 'body'>,
  target: DeliveryTarget,
  options: DeliverOptions,
): Promise<AttemptResult> {
  if (target.secrets.length === 0) throw new MissingSecretError(target.endpointId);
  const attemptedAt = options.clock.now();
  const headers = signedHeaders(message.messageId, attemptedAt, message.body, target.secrets);
  const started = performance.now();
  const result = await options.transport({ url: target.url, headers, body: message.body });
  return toAttemptResult(result, attemptedAt, performance.now() - started);
}
