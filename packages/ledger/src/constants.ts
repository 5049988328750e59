import type { FulfilmentRule, RetryOptions } from './types.js';

/** Processed-event markers live 30 days: redeliveries come within minutes; later ones are caught by versions. */
export const EVENT_MARKER_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Conflict retries: full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"). The cap must exceed writers × one read-write round trip, or a herd on one hot product keeps
 * colliding: 1 s spreads 16 continuous writers at DynamoDB Local's ~15 ms per round trip.
 */
export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 30, baseDelayMs: 10, maxDelayMs: 1000 };

/** Shop → producer and SKU → product rarely change; a warm Lambda skips the lookup for this long. */
export const DEFAULT_LOOKUP_CACHE_TTL_MS = 5 * 60_000;

/** Producer settings (threshold, buffer, fulfilment) read by movements; a setting change is seen within this. */
export const DEFAULT_PRODUCER_CACHE_TTL_MS = 60_000;

/** Marketplaces sell what is in the producer's warehouses unless the producer flags showrooms too. */
export const DEFAULT_FULFILMENT_RULE: FulfilmentRule = { warehouses: true, showrooms: [] };

export const DEFAULT_PRODUCER_SETTINGS = { stockLowThreshold: 3, safetyBuffer: 0 } as const;

/** TransactWriteItems takes at most 100 actions (DynamoDB quotas); an order needs 2 per product plus 1. */
export const MAX_ORDER_PRODUCTS = 49;
