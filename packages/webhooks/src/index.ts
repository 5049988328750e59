export { classifyStatus, parseRetryAfter } from './classify.js';
export * from './constants.js';
export { type DeliverOptions, type DeliveryTarget, deliver } from './deliver.js';
export type { AttemptReport, PublishResult } from './delivery-engine.js';
export type { EndpointRegistration } from './endpoint-admin.js';
export * from './errors.js';
export { type EndpointDisabledNotice, endpointDisabledMessage, type FallbackNotifier } from './fallback.js';
export { type ClosableTransport, createHttpTransport, type HttpTransportOptions } from './http-transport.js';
export { messageIdFor } from './message-builder.js';
export {
  type MappingContext,
  type MappingResult,
  type NotifiedDetailType,
  notifiedDetailTypes,
  toWebhookMessage,
} from './message-mapping.js';
export { webhookEventTypes, webhookPayload, webhookPayloads } from './payloads.js';
export type { ReplayRange } from './replay.js';
export { type AttemptSummary, type NextAttemptPlan, planNextAttempt, queueDelaySeconds } from './schedule.js';
export type { DisablePolicy, WebhookServiceOptions } from './service-context.js';
export { generateSecret, signedHeaders } from './signing.js';
export { checkDestination, isAllowedAddress, systemResolver, validateEndpointUrl } from './ssrf-guard.js';
export type { EndpointChanges } from './store/endpoint-store.js';
export { createLedgerSecretStore } from './store/ledger-secret-store.js';
export {
  createSecretsManagerSecretStore,
  type SecretsManagerSecretStoreConfig,
} from './store/secrets-manager-secret-store.js';
export { createWebhookStore, type WebhookStore } from './store/webhook-store.js';
export type * from './types.js';
export { attemptOutcomes } from './types.js';
export { createWebhookService, type WebhookService } from './webhook-service.js';
