import { channels, sources } from '@ocop-sync/domain';

/**
 * The one routing table. The CDK stack creates a rule, a queue with its DLQ and an event source mapping
 * per queue route, a schedule per scheduled route and an HTTP API per HTTP route, by iterating this
 * table; the local stack does the same with its local bus, queues and runner. Neither has its own list.
 */

/** A JSON event pattern in EventBridge's pattern language. */
export type EventPattern = { readonly [field: string]: unknown };

/** The Lambda handlers: `functions/<name>/handler.ts` exports `handler`. */
export const handlerNames = [
  'certification',
  'listing-sync',
  'stock-ledger',
  'stock-sync',
  'producer-notifier',
  'certification-sweep',
  'marketplace-webhook',
  'producer-api',
  'reconciliation',
  'webhook-retry-sweep',
] as const;
export type HandlerName = (typeof handlerNames)[number];

export interface QueueSettings {
  /** Records per invocation (Lambda SQS event source mapping BatchSize). */
  batchSize: number;
  /** MaximumBatchingWindowInSeconds: wait this long to fill a batch (coalesces bursts). */
  maximumBatchingWindowSeconds: number;
  /** Must be at least the function timeout (AWS recommends 6×) so an in-flight batch is not redelivered. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the route's DLQ. */
  maxReceiveCount: number;
  /** ScalingConfig.MaximumConcurrency (2 to 1000): caps how hard a marketplace or the ledger is driven. */
  maximumConcurrency: number;
}

interface RouteBase {
  /** Unique; names the function, queue, DLQ and rule (e.g. `listing-sync-shopee`). */
  name: string;
  handler: HandlerName;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Route-specific environment, merged over the shared one (e.g. which channel a listing-sync serves). */
  environment: Readonly<Record<string, string>>;
}

export interface QueueRoute extends RouteBase {
  kind: 'queue';
  pattern: EventPattern;
  queue: QueueSettings;
}

export interface ScheduleRoute extends RouteBase {
  kind: 'schedule';
  /** EventBridge Scheduler cron expression, evaluated in `timeZone`. */
  cron: string;
  timeZone: 'Asia/Ho_Chi_Minh';
}

export interface HttpRoute extends RouteBase {
  kind: 'http';
  /** API Gateway route keys, e.g. `POST /webhooks/shopee`. */
  routeKeys: readonly string[];
}

export type Route = QueueRoute | ScheduleRoute | HttpRoute;

/** Queue settings of the routes that mostly talk to the ledger (no marketplace rate limit to respect). */
const ledgerQueue: QueueSettings = {
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  visibilityTimeoutSeconds: 180,
  maxReceiveCount: 5,
  maximumConcurrency: 5,
};

const marketplaceSources = channels.map((channel) => sources[channel]);

const registryDetailTypes = [
  'ProductCertified',
  'CertificationRenewed',
  'StarRatingChanged',
  'CertificationRevoked',
  'ProductDetailsUpdated',
  'ProducerChannelsLinked',
] as const;

const stockDetailTypes = [
  'StockReceived',
  'StockSold',
  'StockCounted',
  'StockTransferred',
  'WarehouseStockSet',
] as const;

const notifiedDetailTypes = [
  'ListingSynced',
  'ListingFailed',
  'ListingDriftDetected',
  'StockLow',
  'StockMovementRejected',
  'CertificationExpiring',
  'CertificationExpired',
] as const;

/** One listing-sync and one stock-sync route per channel, so one slow marketplace never holds up the others. */
const perChannelRoutes: QueueRoute[] = channels.flatMap((channel): QueueRoute[] => [
  {
    kind: 'queue',
    name: `listing-sync-${channel}`,
    handler: 'listing-sync',
    description: `Creates, updates and delists ${channel} listings from the channel plan.`,
    pattern: { source: [sources.sync], 'detail-type': ['ListingRequested'], detail: { channel: [channel] } },
    // A batch's products are worked at once, paced by the adapter's rate limiter (its app-wide figure is split
    // between this route's and stock-sync's executions). 4 executions were measured: only more CPU and more
    // image uploads locally (docs/PERFORMANCE.md, bulk certification), so 2.
    queue: {
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 8,
      maximumConcurrency: 2,
    },
    timeoutSeconds: 30,
    memoryMb: 512,
    environment: { CHANNEL: channel },
  },
  {
    kind: 'queue',
    name: `stock-sync-${channel}`,
    handler: 'stock-sync',
    description: `Pushes available-to-sell quantities to ${channel}, coalescing bursts per product.`,
    // A listing that just went live is re-checked too: stock may have moved while it was being created.
    pattern: {
      $or: [
        { source: [sources.sync], 'detail-type': ['StockLevelChanged'] },
        { source: [sources.sync], 'detail-type': ['ListingSynced'], detail: { channel: [channel] } },
      ],
    },
    queue: {
      batchSize: 100,
      maximumBatchingWindowSeconds: 1,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 8,
      maximumConcurrency: 2,
    },
    timeoutSeconds: 30,
    memoryMb: 512,
    environment: { CHANNEL: channel },
  },
]);

/**
 * One reconciliation schedule per channel: every 15 minutes it reads back a paced slice of the channel's live
 * listings (changed since the last run first) and corrects drift. Reads per minute stay well under each
 * marketplace's read limit so listing-sync and stock-sync keep their share.
 */
const reconciliationRoutes: ScheduleRoute[] = channels.map((channel) => ({
  kind: 'schedule',
  name: `reconciliation-${channel}`,
  handler: 'reconciliation',
  description: `Reads back ${channel} listings, compares them with the ledger and corrects drift.`,
  cron: 'cron(0/15 * * * ? *)',
  timeZone: 'Asia/Ho_Chi_Minh',
  timeoutSeconds: 600,
  memoryMb: 512,
  environment: {
    CHANNEL: channel,
    RECONCILE_READS_PER_MINUTE: '60',
    RECONCILE_MAX_LISTINGS_PER_RUN: '500',
  },
}));

export const routingTable: readonly Route[] = [
  {
    kind: 'queue',
    name: 'certification',
    handler: 'certification',
    description:
      'Records certification decisions and producer shops in the ledger, then plans listings per channel.',
    pattern: {
      $or: [
        { source: [sources.registry], 'detail-type': [...registryDetailTypes] },
        { source: [sources.sync], 'detail-type': ['CertificationExpired'] },
        { source: marketplaceSources, 'detail-type': ['MarketplaceItemBanned'] },
      ],
    },
    queue: ledgerQueue,
    timeoutSeconds: 30,
    memoryMb: 512,
    environment: {},
  },
  ...perChannelRoutes,
  {
    kind: 'queue',
    name: 'stock-ledger',
    handler: 'stock-ledger',
    description:
      'Applies showroom, warehouse and marketplace-order movements to the ledger; never below zero.',
    pattern: {
      $or: [
        { source: [sources.showroom, sources.producer], 'detail-type': [...stockDetailTypes] },
        {
          source: marketplaceSources,
          'detail-type': ['MarketplaceOrderPlaced', 'MarketplaceOrderCancelled'],
        },
      ],
    },
    queue: ledgerQueue,
    timeoutSeconds: 30,
    memoryMb: 512,
    environment: {},
  },
  {
    kind: 'queue',
    name: 'producer-notifier',
    handler: 'producer-notifier',
    description: 'Turns the events a producer cares about into signed webhook messages (Standard Webhooks).',
    pattern: {
      $or: [
        { source: [sources.sync], 'detail-type': [...notifiedDetailTypes] },
        { source: marketplaceSources, 'detail-type': ['MarketplaceOrderPlaced', 'MarketplaceItemBanned'] },
      ],
    },
    queue: ledgerQueue,
    timeoutSeconds: 30,
    memoryMb: 256,
    environment: {},
  },
  {
    kind: 'schedule',
    name: 'certification-sweep',
    handler: 'certification-sweep',
    description:
      'Daily: certificates expiring within 60 and 30 days, and those expired, from the expiry index.',
    cron: 'cron(0 6 * * ? *)',
    timeZone: 'Asia/Ho_Chi_Minh',
    timeoutSeconds: 300,
    memoryMb: 512,
    environment: {},
  },
  ...reconciliationRoutes,
  {
    kind: 'schedule',
    name: 'webhook-retry-sweep',
    handler: 'webhook-retry-sweep',
    description:
      'Every 5 minutes: webhook attempts that fell due (retries after a failed delivery) while no event arrived.',
    cron: 'cron(0/5 * * * ? *)',
    timeZone: 'Asia/Ho_Chi_Minh',
    timeoutSeconds: 300,
    memoryMb: 256,
    environment: {},
  },
  {
    kind: 'http',
    name: 'marketplace-webhook',
    handler: 'marketplace-webhook',
    description:
      "Receives the marketplaces' signed pushes, verifies them, and publishes order and ban events.",
    routeKeys: ['POST /webhooks/shopee', 'POST /webhooks/lazada', 'POST /webhooks/postmart'],
    timeoutSeconds: 10,
    memoryMb: 256,
    environment: {},
  },
  {
    kind: 'http',
    name: 'producer-api',
    handler: 'producer-api',
    description:
      "The producer and official API: products, listings, stock, webhook endpoints, shop connection, an area's coverage.",
    // One proxy route: the function matches, authenticates and authorises every /v1 route itself (its OpenAPI
    // file is packages/producer-api/openapi.json), so adding a route needs no new API Gateway route.
    routeKeys: ['ANY /v1/{proxy+}'],
    // A webhook test message or replay is one delivery attempt inline (up to 10 s); HTTP APIs allow 30 s.
    timeoutSeconds: 29,
    memoryMb: 512,
    environment: {},
  },
];

export const queueRoutes = (table: readonly Route[] = routingTable): QueueRoute[] =>
  table.filter((route): route is QueueRoute => route.kind === 'queue');

export const scheduleRoutes = (table: readonly Route[] = routingTable): ScheduleRoute[] =>
  table.filter((route): route is ScheduleRoute => route.kind === 'schedule');

export const httpRoutes = (table: readonly Route[] = routingTable): HttpRoute[] =>
  table.filter((route): route is HttpRoute => route.kind === 'http');

/**
 * The share of a marketplace's app-wide rate limit one execution may use. Each Lambda execution environment
 * keeps its own token buckets, so the limit is split between every execution that may call that channel at
 * once: each queue route's maximum concurrency, plus one per scheduled or HTTP route of the channel.
 */
export function appRateShare(channel: string, table: readonly Route[] = routingTable): number {
  const executions = table
    .filter((route) => route.environment.CHANNEL === channel)
    .reduce((sum, route) => sum + (route.kind === 'queue' ? route.queue.maximumConcurrency : 1), 0);
  return 1 / Math.max(1, executions);
}
