import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createBusClient,
  createDemoShops,
  type DemoShop,
  type LocalStack,
  loadSamples,
  publish,
  rewriteShopIds,
  type SampleEvent,
  startLocalStack,
} from '@ocop-sync/local-stack';
import {
  createHttpTransport,
  createLedgerSecretStore,
  createWebhookService,
  createWebhookStore,
  webhookEventTypes,
} from '@ocop-sync/webhooks';
import { portOf, type RequestCounts, startRequestCounter } from './request-counter.js';

export const destinations = {
  dynamoDb: 'DynamoDB',
  eventBus: 'EventBridge (local bus)',
  sqs: 'SQS endpoint',
  shopee: 'Shopee sandbox',
  lazada: 'Lazada sandbox',
  postmart: 'Postmart sandbox',
  webhookReceiver: 'producer webhook receiver',
  secrets: 'Secrets Manager (local stand-in)',
} as const;

export const journeySteps = {
  link: 'producer links 3 channels (setup)',
  certify: '(a) product certified, 3 channels linked',
  warehouse: 'warehouse stock set (setup)',
  restock: 'showroom stock received (setup)',
  sale: '(b) one showroom sale',
  order: '(c) one marketplace order',
} as const;
export type JourneyStep = keyof typeof journeySteps;

/** What one route did during a step: Lambda invocations and SQS records (retries included). */
export interface RouteActivity {
  readonly route: string;
  readonly memoryMb: number;
  readonly batchSize: number;
  readonly invocations: number;
  readonly records: number;
  readonly failedRecords: number;
}

export interface StepMeasurement {
  readonly step: JourneyStep;
  readonly counts: RequestCounts;
  readonly routes: readonly RouteActivity[];
  /** Events put on the bus during the step (the step's own PutEvents entries and the handlers' follow-ups). */
  readonly busEntries: number;
  /** ListingSynced / ListingFailed per channel seen on the bus during the step. */
  readonly listingOutcomes: ReadonlyMap<string, string>;
  readonly wallMs: number;
}

export interface JourneyResult {
  readonly steps: readonly StepMeasurement[];
  /** Route → messages parked in its DLQ at the end, and the first line of the last one's error. */
  readonly parkedInDeadLetterQueues: ReadonlyMap<string, { count: number; lastError: string }>;
}

const producerId = 'HTX-BT-MATONG';
const productId = 'TH-2024-0001';

/**
 * One producer, one product, the whole way: link Postmart, Shopee and Lazada, certify the product, set its
 * warehouse stock, receive stock in a showroom, sell one, take one Shopee order. Every event goes through the real EventBridge client
 * to the local bus; after each step the stack is left to go idle and this process's outgoing HTTP requests
 * are counted by destination. Failed records are retried after 0.2 s (not AWS's 180 s visibility timeout),
 * so their retries are in the counts and reported per route.
 */
export async function measureJourney(): Promise<JourneyResult> {
  const stack = await startLocalStack({ quiet: true, retryDelaySeconds: 0.2 });
  const receiver = await startWebhookReceiver();
  const client = createBusClient(stack.endpoints.eventBridge);
  const counter = startRequestCounter({
    labels: new Map([
      [portOf(stack.endpoints.dynamodb), destinations.dynamoDb],
      [portOf(stack.endpoints.eventBridge), destinations.eventBus],
      [portOf(stack.endpoints.sqs), destinations.sqs],
      [portOf(stack.endpoints.sandboxes.shopee), destinations.shopee],
      [portOf(stack.endpoints.sandboxes.lazada), destinations.lazada],
      [portOf(stack.endpoints.sandboxes.postmart), destinations.postmart],
      [String(receiver.port), destinations.webhookReceiver],
    ]),
    marketplaces: new Set([destinations.shopee, destinations.lazada, destinations.postmart]),
    dynamoDb: destinations.dynamoDb,
    localSecret: destinations.secrets,
  });
  const outcomes = new Map<string, string>();
  stack.bus.addRule({
    name: 'bench-listing-outcomes',
    pattern: { source: ['ocop.sync'], 'detail-type': ['ListingSynced', 'ListingFailed'] },
    target: async (event) => {
      const channel = Reflect.get(Object(event.detail), 'channel');
      if (typeof channel === 'string') outcomes.set(channel, event['detail-type']);
    },
  });
  try {
    const { events: links, shops } = await createDemoShops(
      loadSamples('registry/producer-channels-linked.json').filter(
        (event) => Reflect.get(Object(event.detail.producer), 'producerId') === producerId,
      ),
      stack.sandboxes,
      { client: stack.dynamodb, tableName: stack.tableName },
    );
    await registerWebhookEndpoint(stack, receiver.url);
    counter.take();
    const steps: StepMeasurement[] = [];
    const run = async (step: JourneyStep, events: readonly SampleEvent[]) => {
      const before = snapshotRoutes(stack);
      const entriesBefore = archivedCount(stack);
      outcomes.clear();
      const started = performance.now();
      const outcome = await publish(client, events);
      if (outcome.refused.length > 0) throw new Error(`the bus refused ${JSON.stringify(outcome.refused)}`);
      await stack.whenIdle(120_000);
      steps.push({
        step,
        counts: counter.take(),
        routes: routeActivity(stack, before),
        busEntries: archivedCount(stack) - entriesBefore,
        listingOutcomes: new Map(outcomes),
        wallMs: performance.now() - started,
      });
    };
    await run('link', links);
    await run('certify', sampleWhere('registry/council-decisions.json', 'ProductCertified'));
    // Marketplace orders reserve warehouse stock: without it step (c) would be a rejected order.
    await run('warehouse', [warehouseStock()]);
    await run('restock', [showroomReceipt()]);
    await run('sale', [showroomSale()]);
    await run('order', shopeeOrder(shops));
    const parked = new Map(
      stack.routes.flatMap((running) => {
        const messages = running.deadLetterQueue.peek();
        const lastError = messages.at(-1)?.lastError?.split('\n')[0] ?? '';
        return messages.length > 0
          ? [[running.route.name, { count: messages.length, lastError }] as const]
          : [];
      }),
    );
    return { steps, parkedInDeadLetterQueues: parked };
  } finally {
    counter.stop();
    client.destroy();
    await stack.stop();
    await closeServer(receiver.server);
  }
}

function sampleWhere(file: string, detailType: string): SampleEvent[] {
  const found = loadSamples(file).find(
    (event) =>
      event['detail-type'] === detailType &&
      Reflect.get(Object(event.detail.product), 'productId') === productId,
  );
  if (found === undefined) throw new Error(`no ${detailType} sample for ${productId} in ${file}`);
  return [found];
}

const showroom = { type: 'showroom', locationId: 'SR-TH-01' } as const;

const warehouseStock = (): SampleEvent => ({
  source: 'ocop.producer',
  'detail-type': 'WarehouseStockSet',
  detail: {
    movementId: 'bench-wh-1',
    occurredAt: '2024-11-16T07:15:00+07:00',
    productId,
    warehouseId: `WH-${producerId}`,
    quantity: 40,
  },
});

const showroomReceipt = (): SampleEvent => ({
  source: 'ocop.showroom',
  'detail-type': 'StockReceived',
  detail: {
    movementId: 'bench-rcv-1',
    occurredAt: '2024-11-16T09:15:00+07:00',
    productId,
    location: showroom,
    quantity: 12,
  },
});

const showroomSale = (): SampleEvent => ({
  source: 'ocop.showroom',
  'detail-type': 'StockSold',
  detail: {
    movementId: 'bench-sale-1',
    occurredAt: '2024-11-17T10:15:00+07:00',
    productId,
    location: showroom,
    quantity: 1,
    unitPriceVnd: 350000,
  },
});

function shopeeOrder(shops: readonly DemoShop[]): SampleEvent[] {
  const order = loadSamples('marketplace/orders.json').find(
    (event) => event['detail-type'] === 'MarketplaceOrderPlaced' && event.detail.channel === 'shopee',
  );
  if (order === undefined) throw new Error('no Shopee MarketplaceOrderPlaced sample');
  return rewriteShopIds([order], shops);
}

type RouteSnapshot = Map<string, { invocations: number; records: number; failed: number }>;

function snapshotRoutes(stack: LocalStack): RouteSnapshot {
  return new Map(
    stack.routes.map((running) => {
      const stats = running.mapping?.stats();
      const failed = stats?.recordsFailed ?? 0;
      return [
        running.route.name,
        { invocations: stats?.invocations ?? 0, records: (stats?.recordsSucceeded ?? 0) + failed, failed },
      ];
    }),
  );
}

function routeActivity(stack: LocalStack, before: RouteSnapshot): RouteActivity[] {
  const after = snapshotRoutes(stack);
  return stack.routes.map((running) => {
    const start = before.get(running.route.name);
    const end = after.get(running.route.name);
    return {
      route: running.route.name,
      memoryMb: running.route.memoryMb,
      batchSize: running.route.queue.batchSize,
      invocations: (end?.invocations ?? 0) - (start?.invocations ?? 0),
      records: (end?.records ?? 0) - (start?.records ?? 0),
      failedRecords: (end?.failed ?? 0) - (start?.failed ?? 0),
    };
  });
}

const archivedCount = (stack: LocalStack) =>
  stack.bus.archive.list({ from: new Date(0), to: new Date(Date.now() + 60_000) }).length;

/** The producer registers one webhook endpoint for every event type, served by a local receiver. */
async function registerWebhookEndpoint(stack: LocalStack, url: string): Promise<void> {
  const table = { client: stack.dynamodb, tableName: stack.tableName };
  const transport = createHttpTransport({ mode: 'local' });
  const webhooks = createWebhookService({
    store: createWebhookStore(table),
    secrets: createLedgerSecretStore(table),
    transport: transport.send,
    mode: 'local',
  });
  await webhooks.registerEndpoint({ producerId, url, eventTypes: [...webhookEventTypes] });
  await transport.close();
}

async function startWebhookReceiver(): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/ocop-webhooks`, port };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
