import { createCoverageQueries, createLedger } from '@ocop-sync/ledger';
import type { AwsClients, EventPublisher } from '@ocop-sync/runtime';
import {
  createHttpTransport,
  createWebhookService,
  createWebhookStore,
  type HostResolver,
  type HttpTransport,
} from '@ocop-sync/webhooks';
import { createWebhookSecretStore } from '@ocop-sync/workflows';
import { type Authenticator, createTokenVerifier } from './auth/token-verifier.js';
import type { ApiConfig } from './config.js';
import type { ApiDeps, ApiLogger } from './deps.js';
import { createRateLimiter } from './rate-limiter.js';

export interface ApiDepsOptions {
  config: ApiConfig;
  clients: AwsClients;
  publisher: EventPublisher;
  logger: ApiLogger;
  now?: () => Date;
  /** Tests: a transport for webhook test messages (default: the real HTTP transport). */
  transport?: HttpTransport;
  resolver?: HostResolver;
  /** Tests: another authenticator (default: JWTs against `API_JWKS_URL`). */
  authenticate?: Authenticator;
}

/** Builds the API's dependencies from its configuration: once per cold start. */
export function createApiDeps(options: ApiDepsOptions): ApiDeps {
  const { config, clients } = options;
  const now = options.now ?? (() => new Date());
  const table = { client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME };
  const webhookParts = {
    store: createWebhookStore(table),
    // Secrets Manager, or the ledger table in local mode only (webhooks README, "Secrets").
    secrets: createWebhookSecretStore({
      mode: config.OCOP_MODE,
      ledger: table,
      secretsManager: clients.secretsManager,
      namePrefix: config.WEBHOOK_SECRET_NAME_PREFIX,
    }),
    transport: options.transport ?? createHttpTransport({ mode: config.OCOP_MODE }).send,
  };
  const webhooks = createWebhookService({
    ...webhookParts,
    mode: config.OCOP_MODE,
    clock: { now },
    ...(options.resolver === undefined ? {} : { resolver: options.resolver }),
  });
  return {
    config,
    clients,
    publisher: options.publisher,
    ledger: createLedger(table),
    coverage: createCoverageQueries(table),
    webhooks,
    webhookParts,
    authenticate:
      options.authenticate ??
      createTokenVerifier({
        issuer: config.API_JWT_ISSUER,
        audience: config.API_JWT_AUDIENCE,
        jwksUrl: config.API_JWKS_URL,
        now,
      }),
    rateLimit: createRateLimiter({ ...table, limitPerWindow: config.API_RATE_LIMIT_PER_MINUTE, now }),
    logger: options.logger,
    now,
  };
}
