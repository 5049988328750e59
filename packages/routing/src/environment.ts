import { z } from 'zod';

/**
 * The environment every function reads once, at cold start. The CDK stack sets these from its resources;
 * the local stack sets the same keys to its local endpoints. Route-specific keys (CHANNEL) come from the
 * routing table.
 */
export const functionEnvironment = z.object({
  AWS_REGION: z.string().min(1).default('ap-southeast-1'),
  LEDGER_TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('ocop-sync'),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default('OcopSync'),
  POWERTOOLS_LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** `local` allows loopback webhook receivers and local endpoints; `production` refuses them. */
  OCOP_MODE: z.enum(['production', 'local']).default('production'),
  /** Local stack only: endpoints of DynamoDB Local and the local bus (absent in the cloud). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  EVENTBRIDGE_ENDPOINT: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  SECRETS_MANAGER_ENDPOINT: z.url().optional(),
  /** The route's own dead-letter queue: an invalid event is parked there at once, with its validation error. */
  DEAD_LETTER_QUEUE_URL: z.url().optional(),
  /** Marketplace API base URLs (the sandboxes locally). */
  SHOPEE_BASE_URL: z.url().default('https://partner.shopeemobile.com'),
  LAZADA_BASE_URL: z.url().default('https://api.lazada.vn/rest'),
  POSTMART_BASE_URL: z.url().optional(),
  /** Secrets Manager secret holding the marketplaces' app credentials (partner keys), by name. */
  MARKETPLACE_APP_SECRET_NAME: z.string().min(1).default('ocop-sync/marketplace-apps'),
  /** Name prefix of the producers' webhook signing secrets (`<prefix><producerId>/<endpointId>`), outside local mode. */
  WEBHOOK_SECRET_NAME_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]+\/$/)
    .default('ocop-sync/webhooks/'),
  /** Name prefix of the shops' token secrets (`<prefix><channel>/<shopId>`), as the stack grants it. */
  SHOP_TOKEN_SECRET_NAME_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]+\/$/)
    .default('ocop-sync/shops/'),
  /**
   * Local stack only (read when OCOP_MODE is `local`, in place of the secret above): the same JSON,
   * `{ "shopee": { partnerId, partnerKey }, "lazada": { appKey, appSecret }, "postmart": { clientId, clientSecret, webhookSecret } }`.
   */
  LOCAL_MARKETPLACE_APPS: z.string().min(2).optional(),
  /**
   * Local stack only (read when OCOP_MODE is `local`): origin of the local image host that stands in for the
   * producers' image hosts, so the Shopee adapter fetches `https://host/path` from `${origin}/host/path`.
   */
  LOCAL_IMAGE_ORIGIN: z.url().optional(),
  CHANNEL: z.enum(['postmart', 'shopee', 'lazada']).optional(),
  /** Reconciliation pacing (set per route in the routing table): marketplace reads per minute, listings per run. */
  RECONCILE_READS_PER_MINUTE: z.coerce.number().positive().default(60),
  RECONCILE_MAX_LISTINGS_PER_RUN: z.coerce.number().int().positive().default(500),
});
export type FunctionEnvironment = z.output<typeof functionEnvironment>;
