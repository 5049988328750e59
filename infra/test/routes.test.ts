import { apiEnvironment } from '@ocop-sync/producer-api';
import { functionEnvironment, queueRoutes, type Route, routingTable } from '@ocop-sync/routing';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';
import { arnOf, resourceNamed, resourcesOf } from './template-queries.js';

const prefix = 'ocop-sync-prod';
/** Keys a handler reads beyond every function's (its own schema, validated at its cold start). */
const handlerEnvironmentKeys: Readonly<Partial<Record<string, readonly string[]>>> = {
  'producer-api': Object.keys(apiEnvironment.shape),
};
let template: Template;

beforeAll(() => {
  template = synthesize().template;
});

const functionOf = (route: Route) =>
  resourceNamed(template, 'AWS::Lambda::Function', 'FunctionName', `${prefix}-${route.name}`);

describe('queue routes (one per routing-table entry)', () => {
  it('builds exactly as many rules, queue pairs and mappings as the table has queue routes', () => {
    const routes = queueRoutes();
    template.resourceCountIs('AWS::Events::Rule', routes.length);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', routes.length);
    const scheduleDeadLetterQueues = routingTable.filter((route) => route.kind === 'schedule').length;
    template.resourceCountIs('AWS::SQS::Queue', routes.length * 2 + scheduleDeadLetterQueues);
  });

  describe.each(queueRoutes().map((route) => [route.name, route] as const))('%s', (name, route) => {
    it("has a rule on the system bus with the table's pattern, targeting its queue", () => {
      const rule = resourceNamed(template, 'AWS::Events::Rule', 'Name', `${prefix}-${name}`).resource;
      const queue = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}`);
      const deadLetters = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}-dlq`);
      expect(rule.Properties.EventPattern).toEqual(route.pattern);
      expect(rule.Properties.EventBusName).toEqual({ Ref: expect.stringMatching(/^Bus/) });
      expect(rule.Properties.Targets).toEqual([
        { Id: 'Queue', Arn: arnOf(queue.logicalId), DeadLetterConfig: { Arn: arnOf(deadLetters.logicalId) } },
      ]);
    });

    it("has an encrypted queue with the table's visibility timeout and redrive to an encrypted DLQ", () => {
      const queue = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}`).resource;
      const deadLetters = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}-dlq`);
      expect(queue.Properties).toMatchObject({
        VisibilityTimeout: route.queue.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: arnOf(deadLetters.logicalId),
          maxReceiveCount: route.queue.maxReceiveCount,
        },
      });
      expect(deadLetters.resource.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });

    it("consumes the queue with the table's batch settings and partial batch responses", () => {
      const queue = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}`);
      const fn = functionOf(route);
      const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter(
        (mapping) =>
          JSON.stringify(mapping.Properties.EventSourceArn) === JSON.stringify(arnOf(queue.logicalId)),
      );
      expect(mappings).toHaveLength(1);
      expect(mappings[0]?.Properties).toMatchObject({
        FunctionName: { Ref: fn.logicalId },
        BatchSize: route.queue.batchSize,
        MaximumBatchingWindowInSeconds: route.queue.maximumBatchingWindowSeconds,
        ScalingConfig: { MaximumConcurrency: route.queue.maximumConcurrency },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('gives the function its DLQ URL to park messages that can never succeed', () => {
      const deadLetters = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}-dlq`);
      expect(functionOf(route).resource.Properties).toMatchObject({
        Environment: { Variables: { DEAD_LETTER_QUEUE_URL: { Ref: deadLetters.logicalId } } },
      });
    });
  });
});

describe('functions (one per route)', () => {
  it.each(routingTable.map((route) => [route.name, route] as const))(
    "%s runs its handler with the table's sizing and the house defaults",
    (_name, route) => {
      expect(functionOf(route).resource.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: route.timeoutSeconds,
        MemorySize: route.memoryMb,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', ...route.environment } },
      });
    },
  );

  it.each(routingTable.map((route) => [route.name, route] as const))(
    '%s has an environment the functions accept (the keys of functionEnvironment, nothing unknown)',
    (_name, route) => {
      const variables = functionOf(route).resource.Properties.Environment as {
        Variables: Record<string, unknown>;
      };
      const known = new Set([
        ...Object.keys(functionEnvironment.shape),
        ...(handlerEnvironmentKeys[route.handler] ?? []),
        'NODE_OPTIONS',
      ]);
      expect(Object.keys(variables.Variables).filter((key) => !known.has(key))).toEqual([]);
      expect(variables.Variables).toMatchObject({
        OCOP_MODE: 'production',
        POWERTOOLS_SERVICE_NAME: 'ocop-sync',
        POWERTOOLS_METRICS_NAMESPACE: 'OcopSync',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        MARKETPLACE_APP_SECRET_NAME: 'ocop-sync/marketplace-apps',
        LEDGER_TABLE_NAME: { Ref: expect.stringMatching(/^LedgerTable/) },
        EVENT_BUS_NAME: { Ref: expect.stringMatching(/^Bus/) },
      });
      // References resolve at deploy time; stand in for them to check the values parse as the functions will.
      const resolved = Object.fromEntries(
        Object.entries(variables.Variables).map(([key, value]) => [
          key,
          typeof value === 'string'
            ? value
            : key.endsWith('_URL')
              ? 'https://deploy-time.invalid/'
              : 'deploy-time',
        ]),
      );
      expect(functionEnvironment.safeParse(resolved).success).toBe(true);
    },
  );
});

describe('the scheduled route', () => {
  it.each(routingTable.flatMap((route) => (route.kind === 'schedule' ? [[route.name, route] as const] : [])))(
    '%s runs on its cron in Asia/Ho_Chi_Minh, with retries and a dead-letter queue',
    (name, route) => {
      const schedule = resourceNamed(
        template,
        'AWS::Scheduler::Schedule',
        'Name',
        `${prefix}-${name}`,
      ).resource;
      const deadLetters = resourceNamed(template, 'AWS::SQS::Queue', 'QueueName', `${prefix}-${name}-dlq`);
      expect(schedule.Properties).toMatchObject({
        ScheduleExpression: route.cron,
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        State: 'ENABLED',
        Target: {
          Arn: arnOf(functionOf(route).logicalId),
          DeadLetterConfig: { Arn: arnOf(deadLetters.logicalId) },
          RetryPolicy: { MaximumRetryAttempts: 3 },
        },
      });
    },
  );
});

describe('the HTTP route', () => {
  it.each(routingTable.flatMap((route) => (route.kind === 'http' ? [[route.name, route] as const] : [])))(
    '%s is an HTTP API with exactly the route keys of the table, all invoking the function',
    (name, route) => {
      const api = resourceNamed(template, 'AWS::ApiGatewayV2::Api', 'Name', `${prefix}-${name}`);
      expect(api.resource.Properties.ProtocolType).toBe('HTTP');
      const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).filter(
        (candidate) => JSON.stringify(candidate.Properties.ApiId) === JSON.stringify({ Ref: api.logicalId }),
      );
      expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([...route.routeKeys].sort());
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: arnOf(functionOf(route).logicalId),
      });
    },
  );

  it('throttles the $default stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] } },
    });
  });
});
