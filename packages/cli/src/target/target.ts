import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type QueueRoute, queueRoutes, routingTable } from '@ocop-sync/routing';
import { z } from 'zod';

/**
 * Where the commands act: the local stack (endpoints from its endpoints file) or a deployed stack (the
 * AWS SDK's own credential and region chain, names derived the way the CDK stack names them:
 * `ocop-sync-<stage>` for the bus, `…-archive`, `…-<route>` for rules and queues, `…-<route>-dlq`).
 */
export interface Target {
  kind: 'local' | 'aws';
  region: string | undefined;
  endpoints: { eventBridge: string; dynamodb: string; sqs: string } | undefined;
  eventBusName: string;
  archiveName: string;
  /** The ledger table; CDK generates its name on AWS, so it comes from the LedgerTableName output. */
  ledgerTableName: string | undefined;
  /** The queue (and rule) name of a route, e.g. `certification` → `ocop-sync-prod-certification`. */
  queueName(route: string): string;
  routes: readonly QueueRoute[];
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Relative to the directory `npm start` ran in; written by @ocop-sync/local-stack's `writeEndpointsFile`. */
export const LOCAL_ENDPOINTS_FILE = join('.ocop-sync', 'local-stack.json');

const endpointsFile = z.object({
  version: z.literal(1),
  region: z.string().min(1),
  eventBusName: z.string().min(1),
  ledgerTableName: z.string().min(1),
  endpoints: z.object({ eventBridge: z.url(), dynamodb: z.url(), sqs: z.url() }),
});
export type LocalEndpointsFile = z.infer<typeof endpointsFile>;

/** The local bus keeps one archive of every event; this is the name its endpoint answers to. */
export const LOCAL_ARCHIVE_SUFFIX = '-archive';

export function localTarget(file: LocalEndpointsFile): Target {
  return {
    kind: 'local',
    region: file.region,
    endpoints: file.endpoints,
    eventBusName: file.eventBusName,
    archiveName: `${file.eventBusName}${LOCAL_ARCHIVE_SUFFIX}`,
    ledgerTableName: file.ledgerTableName,
    queueName: (route) => route,
    routes: queueRoutes(routingTable),
  };
}

export function readLocalTarget(directory = process.cwd()): Target {
  const path = join(directory, LOCAL_ENDPOINTS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TargetError(
      `${path} không có: hãy chạy \`npm start\` trước / not found: start the local stack with \`npm start\` first`,
    );
  }
  const parsed = endpointsFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new TargetError(`${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return localTarget(parsed.data);
}

export interface AwsTargetOptions {
  stage?: string | undefined;
  region?: string | undefined;
  eventBus?: string | undefined;
  table?: string | undefined;
}

/** Flags first, then `OCOP_SYNC_STAGE`, `OCOP_SYNC_EVENT_BUS`, `OCOP_SYNC_LEDGER_TABLE`, then the stack's defaults. */
export function awsTarget(options: AwsTargetOptions, env: NodeJS.ProcessEnv = process.env): Target {
  const stage = options.stage ?? env.OCOP_SYNC_STAGE ?? 'prod';
  const prefix = `ocop-sync-${stage}`;
  const eventBusName = options.eventBus ?? env.OCOP_SYNC_EVENT_BUS ?? prefix;
  return {
    kind: 'aws',
    region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoints: undefined,
    eventBusName,
    archiveName: `${prefix}-archive`,
    ledgerTableName: options.table ?? env.OCOP_SYNC_LEDGER_TABLE,
    queueName: (route) => `${prefix}-${route}`,
    routes: queueRoutes(routingTable),
  };
}

export function requireTable(target: Target): string {
  if (target.ledgerTableName !== undefined) return target.ledgerTableName;
  throw new TargetError(
    'Thiếu tên bảng sổ cái / the ledger table name is needed: pass --table or set OCOP_SYNC_LEDGER_TABLE ' +
      '(the stack output LedgerTableName: aws cloudformation describe-stacks --stack-name OcopSync-<stage>)',
  );
}

export const deadLetterQueueName = (queueName: string): string => `${queueName}-dlq`;
