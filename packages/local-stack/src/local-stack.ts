import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { localCredentials, startDynamoDbLocal } from '@ocop-sync/dynamodb-local';
import { createEventBus, type EventBus, startEventBusServer } from '@ocop-sync/event-bus';
import { createLedgerTableInput } from '@ocop-sync/ledger';
import type { LocalQueue, SqsFunctionHandler } from '@ocop-sync/local-queues';
import { type DevIssuer, startDevIssuer } from '@ocop-sync/producer-api';
import { httpRoutes, queueRoutes, type Route, routingTable, scheduleRoutes } from '@ocop-sync/routing';
import { startImageHost, startSandbox } from '@ocop-sync/sandboxes';
import { EVENT_BUS_NAME, LEDGER_TABLE_NAME, LOCAL_ACCOUNT, LOCAL_REGION } from './constants.js';
import { type LocalEndpoints, type LocalSandboxes, sharedEnvironment } from './environment.js';
import { applySharedEnvironment } from './handler-loader.js';
import { startHttpGateway } from './http-gateway.js';
import { createRouteQueues, type RunningRoute, startRouteMapping } from './routes.js';
import { loadSchedules, type ScheduleRunner } from './schedules.js';
import { startSqsServer } from './sqs-server.js';
import { type Stopper, stopAll } from './stopper.js';
import { waitUntilStable } from './wait-until-stable.js';

/** Each stack imports its own handler module instances (their configuration points at its endpoints). */
let stackInstances = 0;

export interface LocalStackOptions {
  /** Keep DynamoDB, the queues and the bus archive here across restarts; in memory when omitted. */
  dataDir?: string;
  /** No progress or failure lines on stderr. */
  quiet?: boolean;
  /**
   * Wait this long before retrying a failed record instead of the queue's visibility timeout (see
   * `withFastRetry`); omitted = AWS timing (180 s between attempts).
   */
  retryDelaySeconds?: number;
  /** The routing table (tests may pass a subset); defaults to THE routing table. */
  routes?: readonly Route[];
  /** Fault hooks for the chaos harness (bench/chaos); omitted = delivery as EventBridge and Lambda do it. */
  chaos?: LocalStackChaosHooks;
}

/** What the chaos harness may change about delivery; the handler modules themselves stay untouched. */
export interface LocalStackChaosHooks {
  /** How many copies of each routed event reach the route's queue (EventBridge delivers at least once). */
  deliveryCopies?: number;
  /** Wraps each route's handler, inside the retry timing (e.g. shuffles a batch, or reports a crash). */
  wrapHandler?: (routeName: string, handler: SqsFunctionHandler) => SqsFunctionHandler;
}

export interface LocalStack {
  readonly endpoints: LocalEndpoints & {
    readonly sandboxes: Readonly<Record<keyof LocalSandboxes, string>>;
    /** The HTTP API's stand-in: the marketplaces push to `${http}/webhooks/<channel>`. */
    readonly http: string;
  };
  readonly bus: EventBus;
  readonly sandboxes: LocalSandboxes;
  readonly routes: readonly RunningRoute[];
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  /** The development token issuer the producer API trusts locally: `devIssuer.mint({ role, producerId })`. */
  readonly devIssuer: DevIssuer;
  readonly environment: Readonly<Record<string, string>>;
  route(name: string): RunningRoute;
  /** The scheduled functions (e.g. `certification-sweep`), invoked on demand. */
  readonly schedules: ScheduleRunner;
  /** Resolves when every queue is drained and nothing is being delivered, stable across a second look. */
  whenIdle(timeoutMs?: number): Promise<void>;
  /** Stops mappings, servers, sandboxes and the DynamoDB JVM; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system on this machine: DynamoDB Local with the ledger table, the three marketplace
 * sandboxes, the event bus and its EventBridge endpoint, an SQS endpoint, and for every queue route of the
 * routing table a queue, its DLQ, a bus rule and an event source mapping invoking the route's handler module.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const stoppers: Stopper[] = [];
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    const database = await startDynamoDbLocal(
      options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {},
    );
    stoppers.push({ name: 'DynamoDB Local', stop: () => database.stop() });
    const dynamodb = new DynamoDBClient({
      endpoint: database.endpoint,
      region: LOCAL_REGION,
      credentials: localCredentials,
    });
    stoppers.push({ name: 'DynamoDB client', stop: async () => dynamodb.destroy() });
    await createTable(dynamodb);

    const [shopee, lazada, postmart, imageHost] = await Promise.all([
      startSandbox('shopee'),
      startSandbox('lazada'),
      startSandbox('postmart'),
      startImageHost(),
    ]);
    const sandboxes: LocalSandboxes = { shopee, lazada, postmart };
    for (const sandbox of [shopee, lazada, postmart]) {
      stoppers.push({ name: `${sandbox.kind} sandbox`, stop: () => sandbox.close() });
    }
    stoppers.push({ name: 'image host', stop: () => imageHost.close() });

    const bus = createEventBus({
      name: EVENT_BUS_NAME,
      account: LOCAL_ACCOUNT,
      region: LOCAL_REGION,
      archive: options.dataDir ? { dataDirectory: join(options.dataDir, 'event-bus') } : {},
    });
    const busServer = await startEventBusServer({ bus, port: 0 });
    stoppers.push({ name: 'event bus endpoint', stop: () => busServer.close() });

    const queues = new Map<string, LocalQueue>();
    let queueUrl = (name: string) => name;
    const sqsServer = await startSqsServer(queues);
    stoppers.push({ name: 'SQS endpoint', stop: () => sqsServer.close() });
    queueUrl = sqsServer.queueUrl;
    const queueDir = options.dataDir ? join(options.dataDir, 'queues') : undefined;
    const routes = queueRoutes(options.routes ?? routingTable).map((route) =>
      createRouteQueues(route, queueDir, queueUrl),
    );
    for (const running of routes) {
      queues.set(running.queue.name, running.queue);
      queues.set(running.deadLetterQueue.name, running.deadLetterQueue);
      stoppers.push({
        name: `queue ${running.queue.name}`,
        stop: async () => {
          running.queue.close();
          running.deadLetterQueue.close();
        },
      });
    }

    const endpoints: LocalEndpoints = {
      dynamodb: database.endpoint,
      eventBridge: busServer.url,
      sqs: sqsServer.url,
      images: imageHost.url,
    };
    const environment = sharedEnvironment(endpoints, sandboxes);
    const restoreEnvironment = applySharedEnvironment(environment);
    stoppers.push({ name: 'environment', stop: async () => restoreEnvironment() });
    stackInstances += 1;
    const instance = String(stackInstances);
    const reported = new Set<string>();
    const onFailure = (route: string, reason: string) => {
      const firstLine = reason.split('\n')[0] ?? reason;
      if (reported.has(`${route} ${firstLine}`)) return;
      reported.add(`${route} ${firstLine}`);
      log(`  ! ${route}: ${firstLine} (retried until parked in ${route}-dlq; repeats not shown)`);
    };
    // Sequential on purpose: each import evaluates a handler module with its route's environment in place.
    for (const running of routes) {
      const mapping = await startRouteMapping(running, {
        instance,
        retryDelaySeconds: options.retryDelaySeconds,
        wrapHandler: options.chaos?.wrapHandler,
        onFailure,
      });
      stoppers.push({ name: `mapping ${running.route.name}`, stop: () => mapping.stop() });
      bus.addRule({
        name: running.route.name,
        pattern: running.route.pattern,
        target: async (event) => {
          const copies = options.chaos?.deliveryCopies ?? 1;
          for (let copy = 0; copy < copies; copy += 1) running.queue.send(JSON.stringify(event));
        },
      });
    }

    // The HTTP and scheduled functions run in-process too, with the same shared environment; the producer
    // API trusts the local development issuer (Cognito's token format) and knows its own public URL.
    const devIssuer = await startDevIssuer();
    stoppers.push({ name: 'development token issuer', stop: () => devIssuer.close() });
    const table = options.routes ?? routingTable;
    const gateway = await startHttpGateway(httpRoutes(table), instance, {
      environment: (url) => ({ ...devIssuer.environment, API_PUBLIC_URL: url }),
    });
    stoppers.push({ name: 'HTTP gateway', stop: () => gateway.close() });
    // Lazada (and the Postmart grant page) only redirect to the callback registered for the app, as the real
    // authorisation pages do: register the producer API's.
    lazada.setCallbackUrl(`${gateway.url}/v1/oauth/lazada/callback`);
    postmart.setCallbackUrl(`${gateway.url}/v1/oauth/postmart/callback`);
    const schedules = await loadSchedules(scheduleRoutes(table), instance);

    let stopped: Promise<void> | undefined;
    return {
      endpoints: {
        ...endpoints,
        sandboxes: { shopee: shopee.url, lazada: lazada.url, postmart: postmart.url },
        http: gateway.url,
      },
      schedules,
      bus,
      sandboxes,
      routes,
      dynamodb,
      tableName: LEDGER_TABLE_NAME,
      devIssuer,
      environment,
      route(name) {
        const found = routes.find((running) => running.route.name === name);
        if (!found) throw new Error(`no queue route named ${name}`);
        return found;
      },
      whenIdle: (timeoutMs) => waitUntilStable(bus, routes, timeoutMs),
      stop() {
        stopped ??= stopAll(stoppers);
        return stopped;
      },
    };
  } catch (error) {
    await stopAll(stoppers);
    throw error;
  }
}

async function createTable(client: DynamoDBClient): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createLedgerTableInput(LEDGER_TABLE_NAME)));
  } catch (error) {
    // A data directory from an earlier run already has the table.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}
