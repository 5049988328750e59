import { ledgerTable } from '@ocop-sync/ledger/table-definition';
import {
  type FunctionEnvironment,
  type HandlerName,
  type HttpRoute,
  type QueueRoute,
  type Route,
  routingTable,
  type ScheduleRoute,
} from '@ocop-sync/routing';
import { CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { OperationalAlarms } from './alarms.js';
import type { StackConfig } from './config.js';
import { OperationsDashboard } from './dashboard.js';
import { type Environment, mergeEnvironments } from './environment.js';
import { handlerMetricSearch, handlerMetrics, metricAlarmName, routeMetricOf } from './handler-metrics.js';
import { httpProfileOf } from './http-profiles.js';
import { LedgerTable } from './ledger-table.js';
import { OcopFunction, type OcopFunctionProps } from './ocop-function.js';
import { handlerEntry } from './paths.js';
import { grantsFor, intentGrants } from './permissions.js';
import { RoutedHttpApi } from './routed-http-api.js';
import { RoutedQueueFunction } from './routed-queue-function.js';
import { ScheduledFunction } from './scheduled-function.js';
import { SyncSecrets } from './secrets.js';

export interface OcopSyncStackProps extends StackProps {
  readonly config: StackConfig;
  /** The routes to build; THE routing table unless a test passes another. */
  readonly routes?: readonly Route[];
}

/** Function environment keys this stack sets, checked against the functions' own schema. */
type EnvironmentKey = keyof FunctionEnvironment;
const deadLetterQueueUrlKey: EnvironmentKey = 'DEAD_LETTER_QUEUE_URL';
/** Powertools' service name, hence the `service` dimension of every handler's metrics. */
const serviceName = 'ocop-sync';

/**
 * ocop-sync on AWS: the bus and its archive, the ledger, the secrets, then one rule → queue → function
 * per queue route, a schedule per scheduled route and an HTTP API per HTTP route, all read from the
 * routing table; then alarms, a dashboard and the outputs an operator needs.
 */
export class OcopSyncStack extends Stack {
  readonly #config: StackConfig;
  readonly #namePrefix: string;
  readonly #eventBus: EventBus;
  readonly #ledger: LedgerTable;
  readonly #secrets: SyncSecrets;
  readonly #grants: ReturnType<typeof intentGrants>;
  readonly #alarms: OperationalAlarms;
  readonly #dashboard: OperationsDashboard;
  /** Handlers whose business metrics are on the dashboard already (several routes may share one handler). */
  readonly #metricsGraphed = new Set<HandlerName>();

  constructor(scope: Construct, id: string, props: OcopSyncStackProps) {
    super(scope, id, props);
    this.#config = props.config;
    this.#namePrefix = `ocop-sync-${props.config.stage}`;

    this.#eventBus = this.eventBusWithArchive();
    // No function reads the ledger's stream today (every change travels on the bus), so it stays off.
    this.#ledger = new LedgerTable(this, 'Ledger', { definition: ledgerTable, stream: false });
    this.#secrets = new SyncSecrets(this, 'Secrets', { prefix: props.config.secretsPrefix });
    this.#grants = intentGrants({ ledger: this.#ledger, eventBus: this.#eventBus, secrets: this.#secrets });
    this.#alarms = new OperationalAlarms(this, 'Alarms', {
      namePrefix: this.#namePrefix,
      email: props.config.alarmEmail,
      oldestMessageAge: Duration.minutes(props.config.oldestMessageAlarmMinutes),
    });
    this.#dashboard = new OperationsDashboard(this, 'Dashboard', { dashboardName: this.#namePrefix });

    for (const route of props.routes ?? routingTable) this.addRoute(route);

    this.outputs();
  }

  private eventBusWithArchive(): EventBus {
    const bus = new EventBus(this, 'Bus', {
      eventBusName: this.#namePrefix,
      description: 'ocop-sync events',
    });
    bus.archive('Archive', {
      archiveName: `${this.#namePrefix}-archive`,
      description: 'Every event on the bus, for replay after a fix.',
      eventPattern: { account: [this.account] },
      retention: Duration.days(this.#config.archiveRetentionDays),
    });
    return bus;
  }

  private addRoute(route: Route): void {
    this.watchHandlerMetrics(route);
    switch (route.kind) {
      case 'queue':
        this.addQueueRoute(route);
        break;
      case 'schedule':
        this.addScheduleRoute(route);
        break;
      case 'http':
        this.addHttpRoute(route);
        break;
    }
  }

  private addQueueRoute(route: QueueRoute): void {
    const routed = new RoutedQueueFunction(this, route.name, {
      name: `${this.#namePrefix}-${route.name}`,
      eventBus: this.#eventBus,
      eventPattern: route.pattern,
      visibilityTimeout: Duration.seconds(route.queue.visibilityTimeoutSeconds),
      maxReceiveCount: route.queue.maxReceiveCount,
      batchSize: route.queue.batchSize,
      maxBatchingWindow: Duration.seconds(route.queue.maximumBatchingWindowSeconds),
      maxConcurrency: route.queue.maximumConcurrency,
      deadLetterQueueUrlVariable: deadLetterQueueUrlKey,
      function: this.functionProps(route),
    });
    this.#alarms.watchQueue(route.name, routed.queue, routed.deadLetterQueue);
    this.#alarms.watchFunction(route.name, routed.handler.function);
    this.#dashboard.addQueueRoute(route.name, routed.queue, routed.deadLetterQueue, routed.handler.function);
  }

  private addScheduleRoute(route: ScheduleRoute): void {
    const scheduled = new ScheduledFunction(this, route.name, {
      name: `${this.#namePrefix}-${route.name}`,
      schedule: ScheduleExpression.expression(route.cron, TimeZone.of(route.timeZone)),
      function: this.functionProps(route),
    });
    this.#alarms.watchDeadLetters(route.name, scheduled.deadLetterQueue);
    this.#alarms.watchFunction(route.name, scheduled.handler.function);
    this.#dashboard.addFunction(route.name, scheduled.handler.function);
  }

  /** The API first (its URL goes into the function's environment), then the function, then the routes. */
  private addHttpRoute(route: HttpRoute): void {
    const profile = httpProfileOf(route.handler, {
      scope: this,
      namePrefix: this.#namePrefix,
      config: this.#config,
      secrets: this.#secrets,
    });
    const http = new RoutedHttpApi(this, `${route.name}-api`, {
      apiName: `${this.#namePrefix}-${route.name}`,
      description: profile.description,
      throttle: profile.throttle,
      logRetention: this.#config.logRetentionDays,
    });
    const handler = new OcopFunction(this, route.name, this.functionProps(route, profile.environment(http)));
    http.routeTo(handler.function, {
      routeKeys: route.routeKeys,
      authenticatedBy: profile.authenticatedBy,
      throttleOf: profile.throttleOf,
    });
    this.#alarms.watchFunction(route.name, handler.function);
    this.#dashboard.addFunction(route.name, handler.function);
    new CfnOutput(this, `${route.name}-url`, {
      description: `Base URL of ${route.name} (append a route path, e.g. ${route.routeKeys[0] ?? ''})`,
      value: http.api.apiEndpoint,
    });
  }

  /**
   * The business metrics of a route's handler: an alarm per route where a metric needs a person, and one
   * dashboard row per handler (every route's line), however many routes it serves.
   */
  private watchHandlerMetrics(route: Route): void {
    const metrics = handlerMetrics[route.handler];
    if (metrics === undefined) return;
    const source = { namespace: this.#config.metricsNamespace, serviceName };
    for (const metric of metrics.metrics) {
      if (metric.alarm === undefined) continue;
      this.#alarms.watchMetric(
        metricAlarmName(route, metric),
        routeMetricOf(source, route, metrics, metric),
        {
          threshold: metric.alarm.threshold,
          description: `${route.name}: ${metric.alarm.description}`,
        },
      );
    }
    if (this.#metricsGraphed.has(route.handler)) return;
    this.#metricsGraphed.add(route.handler);
    this.#dashboard.addMetrics(
      route.handler,
      metrics.metrics.map((metric) => ({
        title: metric.metricName,
        metric: handlerMetricSearch(source, route.handler, metrics, metric),
      })),
    );
  }

  /** The house props of a route's function: entry, sizing, merged environment and intent-named grants. */
  private functionProps(route: Route, ownEnvironment: Environment = {}): OcopFunctionProps {
    return {
      entry: handlerEntry(route.handler),
      functionName: `${this.#namePrefix}-${route.name}`,
      description: route.description,
      timeout: Duration.seconds(route.timeoutSeconds),
      memorySize: route.memoryMb,
      environment: mergeEnvironments(this.sharedEnvironment(), route.environment, ownEnvironment),
      grants: grantsFor(route.handler, this.#grants),
      logRetention: this.#config.logRetentionDays,
      powertools: {
        serviceName,
        metricsNamespace: this.#config.metricsNamespace,
        logLevel: this.#config.logLevel,
      },
    };
  }

  /** What every function reads at cold start (see `functionEnvironment`); names, never secret values. */
  private sharedEnvironment(): Environment {
    const { shopeeBaseUrl, lazadaBaseUrl, postmartBaseUrl } = this.#config;
    const environment: Partial<Record<EnvironmentKey, string>> = {
      LEDGER_TABLE_NAME: this.#ledger.table.tableName,
      EVENT_BUS_NAME: this.#eventBus.eventBusName,
      OCOP_MODE: 'production',
      MARKETPLACE_APP_SECRET_NAME: this.#secrets.marketplaceAppsName,
      WEBHOOK_SECRET_NAME_PREFIX: this.#secrets.webhookSecretsPrefix,
      SHOP_TOKEN_SECRET_NAME_PREFIX: this.#secrets.shopTokensPrefix,
      ...(shopeeBaseUrl ? { SHOPEE_BASE_URL: shopeeBaseUrl } : {}),
      ...(lazadaBaseUrl ? { LAZADA_BASE_URL: lazadaBaseUrl } : {}),
      ...(postmartBaseUrl ? { POSTMART_BASE_URL: postmartBaseUrl } : {}),
    };
    return Object.fromEntries(
      Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  private outputs(): void {
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('EventBusName', this.#eventBus.eventBusName, 'Publish events here (aws events put-events)');
    output(
      'LedgerTableName',
      this.#ledger.table.tableName,
      'The product ledger (retained on stack deletion)',
    );
    output('MarketplaceAppSecretName', this.#secrets.marketplaceAppsName, 'Set its value after deploying');
    output(
      'ShopTokenSecretPrefix',
      this.#secrets.shopTokensPrefix,
      'Per-shop token secrets are named under this',
    );
    output(
      'WebhookSecretPrefix',
      this.#secrets.webhookSecretsPrefix,
      'Per-endpoint webhook secrets are named under this',
    );
    output('AlarmTopicArn', this.#alarms.topic.topicArn, 'Subscribe operators here');
    output('DashboardName', this.#dashboard.dashboard.dashboardName, 'CloudWatch dashboard');
  }
}
