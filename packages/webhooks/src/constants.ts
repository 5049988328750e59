/**
 * Delays before each attempt of one delivery, in seconds: the schedule the Standard Webhooks
 * reference implementation (Svix) documents — immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
 * Eight attempts spread over about 27.6 hours; after the last one the delivery is `failed`.
 */
export const RETRY_SCHEDULE_SECONDS = [
  0,
  5,
  5 * 60,
  30 * 60,
  2 * 3600,
  5 * 3600,
  10 * 3600,
  10 * 3600,
] as const;

/** A `Retry-After` (429/503) longer than the schedule's delay is honoured up to this cap. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

/** SQS `DelaySeconds` cannot exceed 15 minutes; longer delays are left to the scheduled sweep. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * Auto-disable: an endpoint is disabled when it has failed this many attempts in a row AND the first of
 * them is at least `DISABLE_AFTER_FAILING_FOR_MS` old. Both conditions: a one-minute outage under a burst
 * of messages is not a "long run", and one bad message a week never disables a healthy endpoint.
 */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 10;
export const DISABLE_AFTER_FAILING_FOR_MS = 24 * 3600 * 1000;

export const DEFAULT_TIMEOUTS = {
  /** TCP (and TLS) connection establishment. */
  connectMs: 3_000,
  /** The whole request: connect, send, response headers and the capped body. */
  requestMs: 10_000,
} as const;

/** Response bodies are read up to this many bytes, then the socket is dropped. */
export const MAX_RESPONSE_BODY_BYTES = 4 * 1024;
/** What the delivery log keeps of a response body (characters). */
export const LOGGED_RESPONSE_BODY_CHARS = 1024;

/** While an attempt is in flight its delivery is leased; a crashed worker's lease expires and the delivery is due again. */
export const ATTEMPT_LEASE_MS = DEFAULT_TIMEOUTS.requestMs + 20_000;

/** Old secrets keep signing for this long after a rotation, unless the caller chooses another overlap. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 3600;

/** Messages, deliveries and attempts are kept this long (DynamoDB TTL); replay works within it. */
export const RETENTION_DAYS = 30;

/** Secrets are 24 random bytes, written `whsec_<base64>` as the specification shows. */
export const SECRET_BYTES = 24;
export const SECRET_PREFIX = 'whsec_';

export const MAX_EVENT_TYPES_PER_ENDPOINT = 20;
export const MAX_ENDPOINTS_PER_PRODUCER = 10;
export const USER_AGENT = 'ocop-sync-webhooks/1';

/** Where `createSecretsManagerSecretStore` names endpoint secrets: `<prefix><producerId>/<endpointId>`. */
export const DEFAULT_WEBHOOK_SECRET_PREFIX = 'ocop-sync/webhooks/';
