import { queueRoutes, routingTable } from '@ocop-sync/routing';
import type { JourneyResult, JourneyStep, StepMeasurement } from './journey.js';
import { destinations } from './journey.js';
import { prices } from './prices.js';

/** A month of a province network with 10,000 certified products: every figure is an assumption, stated. */
export const month = {
  products: 10_000,
  productsPerProducer: 2.5,
  certificateMonths: 36,
  /** New certifications a month (OCOP grows by roughly 15% a year on this base). */
  newCertifications: 125,
  /** ProductDetailsUpdated (price, photos, description): 2% of products a month. */
  detailUpdates: 200,
  /** Star-rating changes and revocations a month. */
  otherCertificateEvents: 10,
  /** New or changed producer channel links a month (2% of producers). */
  channelLinks: 80,
  showrooms: 300,
  /** Products a showroom stocks, and restocks of each a month. */
  productsPerShowroom: 60,
  restocksPerProductMonth: 2,
  /** Producers set each product's warehouse level (WarehouseStockSet) this often a month. */
  warehouseUpdatesPerProductMonth: 4,
  /** Showroom sales a day per showroom (each one StockSold of one product). */
  salesPerShowroomDay: 10,
  /** Marketplace orders a month per product, all channels together. */
  ordersPerProductMonth: 3,
  /** Marketplace pushes per order (placed, then status changes the webhook function receives and drops). */
  pushesPerOrder: 3,
  daysInMonth: 30,
} as const;

const derived = {
  producers: month.products / month.productsPerProducer,
  renewals: month.products / month.certificateMonths,
  sales: month.showrooms * month.salesPerShowroomDay * month.daysInMonth,
  restocks: month.showrooms * month.productsPerShowroom * month.restocksPerProductMonth,
  orders: month.products * month.ordersPerProductMonth,
};

/** How many times a month each measured step happens. */
export const stepsPerMonth: Record<JourneyStep, number> = {
  link: month.channelLinks,
  certify: month.newCertifications + derived.renewals + month.detailUpdates + month.otherCertificateEvents,
  warehouse: month.products * month.warehouseUpdatesPerProductMonth,
  restock: derived.restocks,
  sale: derived.sales,
  order: derived.orders,
};

/** Duration and other assumptions for what the local run cannot measure (no AWS latency here). */
export const runtime = {
  /** Billed handler time: a fixed part per invocation plus a latency per outgoing request, by kind. */
  invocationMs: 20,
  awsRequestMs: 8,
  marketplaceRequestMs: 250,
  webhookDeliveryMs: 150,
  /** Cold starts billed (INIT is billed for on-demand functions): share of invocations and INIT time. */
  coldStartShare: 0.03,
  coldStartMs: 600,
  /** Log bytes per invocation: START/END/REPORT platform lines, one INFO line, the EMF blob. */
  logBytesPerInvocation: 2048,
  /** Custom metrics that exist (InvalidEventParked per queue function, the sweep's counters). */
  customMetrics: 10,
  /** Lambda's SQS pollers when a queue is idle: connections per queue, 20 s long polls. */
  idlePollersPerQueue: 5,
  longPollSeconds: 20,
  /** The daily sweep: notices a month (60- and 30-day notices for each renewal due) and their cost. */
  sweepNotices: 2 * (month.products / month.certificateMonths),
  sweepRequestsPerNotice: { readUnits: 4, writeUnits: 4, dynamoRequests: 6, webhookDeliveries: 1 },
  /** The webhook retry sweep (routing table: every 5 minutes): one query for due deliveries when none is due. */
  retrySweepRunsPerMonth: month.daysInMonth * 24 * 12,
  retrySweepReadUnitsPerRun: 0.5,
  /** Shop token secrets: Shopee and Lazada per producer (Postmart signs with the app secret). */
  tokenSecretsPerProducer: 2,
  /** Shopee access tokens last 4 hours: refreshes a day per producer (Get + Put each). */
  tokenRefreshesPerProducerDay: 2,
  /** Items and sizes for storage: after 12 months of movements, GSIs (projection ALL) counted. */
  storageMonths: 12,
} as const;

export const secretsHeldItem = 'Secrets Manager secrets held';

export interface LineItem {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
  readonly source: string;
}

const count = (map: ReadonlyMap<string, number>, key: string) => map.get(key) ?? 0;
const secondsInMonth = month.daysInMonth * 86_400;

/** What a month adds up to before pricing. */
interface MonthTotals {
  readUnits: number;
  writeUnits: number;
  busEntries: number;
  secretCalls: number;
  sqsMessages: number;
  /** Invocations of queue routes (one per batch), then of the sweep and the webhook function. */
  batches: number;
  otherInvocations: number;
  handlerMs: number;
}

/**
 * Invocations of one step's routes over the month: at this month's rate a batch fills only with what arrives
 * inside the route's batching window (at least one record, at most the routing table's batch size).
 */
function batchedInvocations(step: StepMeasurement, times: number): number {
  const queues = new Map(queueRoutes().map((route) => [route.name, route.queue] as const));
  return step.routes.reduce((sum, route) => {
    const messages = route.records * times;
    const windowSeconds = Math.max(1, queues.get(route.route)?.maximumBatchingWindowSeconds ?? 0);
    const fill = Math.min(route.batchSize, Math.max(1, (messages / secondsInMonth) * windowSeconds));
    return sum + messages / fill;
  }, 0);
}

/** Adds one measured step, happening `times` a month. */
function addStep(totals: MonthTotals, step: StepMeasurement, times: number): void {
  const { counts } = step;
  const aws =
    count(counts.byDestination, destinations.dynamoDb) +
    count(counts.byDestination, destinations.eventBus) +
    counts.localSecretReads +
    counts.localSecretWrites;
  const webhooks = count(counts.byDestination, destinations.webhookReceiver);
  const local = new Set<string>([
    destinations.dynamoDb,
    destinations.eventBus,
    destinations.sqs,
    destinations.secrets,
    destinations.webhookReceiver,
  ]);
  // Marketplaces and anything else on the internet (product photo downloads).
  const internet = [...counts.byDestination].reduce(
    (sum, [label, value]) => (local.has(label) ? sum : sum + value),
    0,
  );
  const batches = batchedInvocations(step, times);
  totals.readUnits += counts.readUnits * times;
  totals.writeUnits += counts.writeUnits * times;
  totals.busEntries += step.busEntries * times;
  totals.secretCalls += (counts.localSecretReads + counts.localSecretWrites) * times;
  totals.sqsMessages += step.routes.reduce((sum, route) => sum + route.records, 0) * times;
  totals.batches += batches;
  totals.handlerMs +=
    batches * runtime.invocationMs +
    times *
      (aws * runtime.awsRequestMs +
        internet * runtime.marketplaceRequestMs +
        webhooks * runtime.webhookDeliveryMs);
}

/** What the journey does not run: the daily sweep with its notices, and the marketplace pushes. */
function addUnmeasured(totals: MonthTotals): void {
  const sweep = runtime.sweepRequestsPerNotice;
  const notices = runtime.sweepNotices;
  totals.readUnits += notices * sweep.readUnits;
  totals.writeUnits += notices * sweep.writeUnits;
  totals.busEntries += notices;
  totals.sqsMessages += notices;
  totals.batches += notices;
  // The placed order's PutEvents is the order step's own publish; status pushes are read and dropped.
  const pushes = derived.orders * month.pushesPerOrder;
  totals.readUnits += pushes * 0.5;
  // The webhook retry sweep's idle runs (retries themselves are in the measured steps' deliveries).
  const retrySweeps = runtime.retrySweepRunsPerMonth;
  totals.readUnits += retrySweeps * runtime.retrySweepReadUnitsPerRun;
  totals.otherInvocations += pushes + month.daysInMonth + retrySweeps;
  totals.handlerMs +=
    (pushes + month.daysInMonth + notices + retrySweeps) * runtime.invocationMs +
    retrySweeps * runtime.awsRequestMs +
    notices *
      (sweep.dynamoRequests * runtime.awsRequestMs + sweep.webhookDeliveries * runtime.webhookDeliveryMs);
}

/**
 * Prices a month from the per-step measurements: each step's requests × how often it happens, plus what the
 * local run does not exercise (idle SQS polling, the sweep, marketplace pushes, storage, secrets held).
 */
export function priceMonth(journey: JourneyResult): LineItem[] {
  const totals: MonthTotals = {
    readUnits: 0,
    writeUnits: 0,
    busEntries: 0,
    secretCalls: 0,
    sqsMessages: 0,
    batches: 0,
    otherInvocations: 0,
    handlerMs: 0,
  };
  for (const step of journey.steps) addStep(totals, step, stepsPerMonth[step.step]);
  addUnmeasured(totals);

  const invocations = totals.batches + totals.otherInvocations;
  const memoryGb = Math.max(...routingTable.map((route) => route.memoryMb)) / 1024;
  const coldStartMs = invocations * runtime.coldStartShare * runtime.coldStartMs;
  const gbSeconds = ((totals.handlerMs + coldStartMs) / 1000) * memoryGb;
  const idlePolls =
    queueRoutes().length * runtime.idlePollersPerQueue * (secondsInMonth / runtime.longPollSeconds);
  const sqsRequests = totals.sqsMessages + 2 * totals.batches + idlePolls;
  const secretsHeld = 1 + derived.producers * runtime.tokenSecretsPerProducer;
  const refreshCalls = derived.producers * runtime.tokenRefreshesPerProducerDay * month.daysInMonth * 2;
  const pushes = derived.orders * month.pushesPerOrder;
  const logGb = (invocations * runtime.logBytesPerInvocation) / 1024 ** 3;

  const line = (item: string, quantity: number, unit: string, price: { usd: number; source: string }) => ({
    item,
    quantity,
    unit,
    usd: quantity * price.usd,
    source: price.source,
  });
  return [
    line('Lambda requests', invocations, 'invocations', prices.lambdaRequests),
    line('Lambda duration (Arm, 512 MB billed)', gbSeconds, 'GB-seconds', prices.lambdaArmGbSecond),
    line('DynamoDB writes (on-demand)', totals.writeUnits, 'WRU', prices.dynamoWriteUnit),
    line('DynamoDB reads (on-demand)', totals.readUnits, 'RRU', prices.dynamoReadUnit),
    line('DynamoDB storage (table + GSIs)', estimateStorageGb(), 'GB-month', prices.dynamoStorageGbMonth),
    line(
      'EventBridge custom events (PutEvents entries)',
      totals.busEntries,
      'events',
      prices.eventBridgeCustomEvent,
    ),
    line('SQS requests (send, receive, delete, idle polls)', sqsRequests, 'requests', prices.sqsRequest),
    line(secretsHeldItem, secretsHeld, 'secrets', prices.secretMonth),
    line('Secrets Manager API calls', totals.secretCalls + refreshCalls, 'calls', prices.secretApiCall),
    line('API Gateway HTTP API (marketplace pushes)', pushes, 'requests', prices.httpApiRequest),
    line('CloudWatch Logs ingestion', logGb, 'GB', prices.logsIngestGb),
    line('CloudWatch custom metrics', runtime.customMetrics, 'metrics', prices.customMetricMonth),
    line('X-Ray traces (Active tracing, all sampled at this rate)', invocations, 'traces', prices.xrayTrace),
  ];
}

/** Table size after `storageMonths` of movements, with GSI copies and DynamoDB's 100 bytes per item. */
function estimateStorageGb(): number {
  const item = (bytes: number, gsiCopies: number) => (bytes + 100) * (1 + gsiCopies);
  const perProduct = item(2048, 3) + item(600, 1) + 3 * item(1024, 2);
  const perProducer = item(600, 0) + 3 * item(400, 1);
  const movementsPerMonth = derived.sales + derived.restocks + derived.orders;
  const movements = movementsPerMonth * runtime.storageMonths * item(400, 0);
  const bytes = month.products * perProduct + derived.producers * perProducer + movements;
  return bytes / 1024 ** 3;
}

export const monthAssumptions = (): string[] => [
  `${month.products.toLocaleString('en-US')} certified products, ${month.productsPerProducer} per producer ` +
    `(${derived.producers.toLocaleString('en-US')} producers), each producer linked to Postmart, Shopee and Lazada.`,
  `Certificates last ${month.certificateMonths} months: ${Math.round(derived.renewals)} renewals a month; plus ` +
    `${month.newCertifications} new certifications, ${month.detailUpdates} detail updates and ` +
    `${month.otherCertificateEvents} star changes/revocations, each priced as step (a) ` +
    `(${Math.round(stepsPerMonth.certify)} a month).`,
  `${month.channelLinks} channel links a month (priced as the link step).`,
  `Producers set each product's warehouse stock ${month.warehouseUpdatesPerProductMonth}× a month ` +
    `(${(month.products * month.warehouseUpdatesPerProductMonth).toLocaleString('en-US')} WarehouseStockSet).`,
  `${month.showrooms} showrooms × ${month.productsPerShowroom} products, each restocked ` +
    `${month.restocksPerProductMonth}× a month (${derived.restocks.toLocaleString('en-US')} receipts); ` +
    `${month.salesPerShowroomDay} sales a day per showroom (${derived.sales.toLocaleString('en-US')} sales, step (b)).`,
  `${month.ordersPerProductMonth} marketplace orders per product a month (${derived.orders.toLocaleString('en-US')}, ` +
    `step (c)); ${month.pushesPerOrder} signed pushes per order reach the webhook function (HTTP API + Lambda, ` +
    'one eventually consistent read each).',
  `Daily sweep: ${month.daysInMonth} runs, ${Math.round(runtime.sweepNotices)} expiry notices a month ` +
    '(60- and 30-day), each assumed 6 DynamoDB requests (4 RRU, 4 WRU), one event, one SQS message, one ' +
    'notifier invocation and one webhook delivery.',
  `Webhook retry sweep: ${runtime.retrySweepRunsPerMonth.toLocaleString('en-US')} runs a month (every 5 minutes), ` +
    'each one query for due deliveries (0.5 RRU) when nothing is due.',
  'Webhook deliveries: every producer registered one endpoint for all event types; the deliveries are in the ' +
    'measured steps (producer webhook receiver) and cost only Lambda time (no AWS request).',
  `Lambda time: ${runtime.invocationMs} ms per invocation + ${runtime.awsRequestMs} ms per AWS request + ` +
    `${runtime.marketplaceRequestMs} ms per marketplace or image request + ${runtime.webhookDeliveryMs} ms per ` +
    `webhook delivery; ${runtime.coldStartShare * 100}% cold starts billed ${runtime.coldStartMs} ms INIT; all ` +
    'billed at 512 MB (the routing table maximum; producer-notifier and marketplace-webhook have 256 MB).',
  'Batches fill only with what arrives within a route’s batching window at this month’s average rate ' +
    '(routing table batch sizes and windows), so most batches hold one record: SQS = one send per message ' +
    'plus one receive and one delete per batch.',
  `Idle SQS polling: ${runtime.idlePollersPerQueue} long-polling connections per queue, ${runtime.longPollSeconds} s ` +
    `waits, on ${queueRoutes().length} queues, all month.`,
  `Secrets: one app-credentials secret + ${runtime.tokenSecretsPerProducer} shop-token secrets per producer ` +
    `(Shopee, Lazada); token reads as measured (the local stack keeps them in the ledger table under ` +
    `LOCAL-SECRET#); ${runtime.tokenRefreshesPerProducerDay} Shopee token refreshes a day per producer (Get + Put).`,
  `Logs ${runtime.logBytesPerInvocation} bytes per invocation; ${runtime.customMetrics} custom metrics; every ` +
    'invocation traced (X-Ray samples 1 request/s + 5%; this load averages well under 1/s).',
  `Storage after ${runtime.storageMonths} months of movements (400 B each), products 2 KB, listings 1 KB, GSIs ` +
    'projection ALL, 100 B per item overhead.',
  'Free tiers not applied. Measured per-step counts include retries of records that failed locally (see the ' +
    'requests table: a channel still failing in the sandboxes inflates step (a)).',
];
