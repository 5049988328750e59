import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';

/** The retention periods CloudWatch Logs accepts, in days. */
const logRetentionValues = Object.values(RetentionDays).filter(
  (value): value is RetentionDays => typeof value === 'number',
);

/**
 * Everything a deployment may choose. Values come from the `ocop-sync` object in `cdk.json`'s context,
 * overridden key by key on the command line (`npx cdk deploy -c stage=staging -c alarmEmail=ops@example.vn`).
 * Command-line values are strings, hence the coercions.
 */
export const stackConfig = z.object({
  /** Names the stack (`OcopSync-<stage>`), the bus and the queues; lower-case, short. */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,11}$/, { error: 'lower-case letters, digits and hyphens, at most 12' })
    .default('prod'),
  /**
   * First segment of every Secrets Manager name: `<prefix>/marketplace-apps`, `<prefix>/shops/...`,
   * `<prefix>/webhooks/...`. Give each stage sharing an account its own prefix.
   */
  secretsPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_+=.@-]+$/, { error: 'a single name segment (no slash)' })
    .default('ocop-sync'),
  /** How long the bus archive keeps events for replay. */
  archiveRetentionDays: z.coerce.number().int().min(1).default(365),
  /** Log group retention of every function and of the API's access log. */
  logRetentionDays: z.coerce
    .number()
    .transform((days, context) => {
      const match = logRetentionValues.find((value) => value === days);
      if (match !== undefined) return match;
      context.addIssue({ code: 'custom', message: `one of ${logRetentionValues.join(', ')}` });
      return z.NEVER;
    })
    .default(RetentionDays.THREE_MONTHS),
  /** Subscribed to the alarm topic when set (the address must confirm the subscription e-mail). */
  alarmEmail: z.email().optional(),
  /** A queue whose oldest message is older than this raises an alarm. */
  oldestMessageAlarmMinutes: z.coerce.number().int().min(1).default(30),
  /** Steady-state requests per second and burst for the marketplace webhook API (stage throttling). */
  webhookRateLimit: z.coerce.number().positive().default(50),
  webhookBurstLimit: z.coerce.number().int().positive().default(100),
  /**
   * Producer API throttles, per route and for all callers together (the function limits each caller):
   * reading routes, and routes that change something (connect a shop, manage webhooks), which are rarer.
   */
  apiReadRateLimit: z.coerce.number().positive().default(20),
  apiReadBurstLimit: z.coerce.number().int().positive().default(40),
  apiWriteRateLimit: z.coerce.number().positive().default(5),
  apiWriteBurstLimit: z.coerce.number().int().positive().default(10),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  metricsNamespace: z.string().min(1).default('OcopSync'),
  /** Marketplace API base URLs; unset keeps the functions' defaults (Postmart has none: set it to list there). */
  shopeeBaseUrl: z.url().optional(),
  lazadaBaseUrl: z.url().optional(),
  postmartBaseUrl: z.url().optional(),
});
export type StackConfig = z.output<typeof stackConfig>;

/** The context key holding the configuration object in `cdk.json`. */
export const configContextKey = 'ocop-sync';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration from the app's context; throws with every problem listed. */
export function readConfig(node: Node): StackConfig {
  const fromFile: unknown = node.tryGetContext(configContextKey) ?? {};
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new ConfigError(`context "${configContextKey}" must be an object`);
  }
  const overrides = Object.fromEntries(
    stackConfig.keyof().options.flatMap((key) => {
      const value: unknown = node.tryGetContext(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const parsed = stackConfig.safeParse({ ...fromFile, ...overrides });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid ocop-sync configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}
