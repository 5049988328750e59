import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { SECRET_BYTES, SECRET_PREFIX, USER_AGENT } from './constants.js';

/** A new endpoint secret in the specification's `whsec_<base64>` form. */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one attempt. With several secrets (a rotation's overlap window)
 * the signatures are space-separated, so a receiver holding either secret verifies.
 * Signing is the `standardwebhooks` package's own, so any off-the-shelf verifier agrees with it.
 */
export function signedHeaders(
  messageId: string,
  timestamp: Date,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body));
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
