import type { CoverageQueries, Ledger } from '@ocop-sync/ledger';
import type { AwsClients, EventPublisher } from '@ocop-sync/runtime';
import type { HttpTransport, SecretStore, WebhookService, WebhookStore } from '@ocop-sync/webhooks';
import type { Authenticator } from './auth/token-verifier.js';
import type { ApiConfig } from './config.js';
import type { RateLimiter } from './rate-limiter.js';

/** What the API logs through (Powertools' Logger fits). Never pass tokens, secrets or bodies. */
export interface ApiLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

/**
 * Everything a route may use, built once per cold start (`createApiDeps`). Routes that need more (shop
 * connection: authorizers, token store, state signing) build it from `config` and `clients`.
 */
export interface ApiDeps {
  readonly config: ApiConfig;
  readonly clients: AwsClients;
  readonly publisher: EventPublisher;
  readonly ledger: Ledger;
  readonly coverage: CoverageQueries;
  readonly webhooks: WebhookService;
  /** The webhook service's parts the API reads directly: an endpoint's deliveries, signing a test message. */
  readonly webhookParts: {
    readonly store: WebhookStore;
    readonly secrets: SecretStore;
    readonly transport: HttpTransport;
  };
  readonly authenticate: Authenticator;
  readonly rateLimit: RateLimiter;
  readonly logger: ApiLogger;
  readonly now: () => Date;
}
