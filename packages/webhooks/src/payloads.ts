/**
 * The webhook catalogue lives in the domain package (one source of truth for the JSON Schemas).
 * Imported by path until the domain index re-exports `schemas/webhook-payloads.ts`; then this file
 * becomes `export … from '@ocop-sync/domain'` and nothing else changes.
 */
export {
  type WebhookEventType,
  type WebhookPayload,
  type WebhookPayloadOf,
  webhookEventTypes,
  webhookPayload,
  webhookPayloads,
} from '../../domain/src/schemas/webhook-payloads.js';
