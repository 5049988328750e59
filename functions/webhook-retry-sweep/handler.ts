import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { createFunctionContext } from '@ocop-sync/runtime';
import { createProducerNotifierDeps, sweepUntilDone } from '@ocop-sync/workflows';

const { config, clients, observability: obs, publisher } = createFunctionContext('webhook-retry-sweep');
const deps = createProducerNotifierDeps(config, clients, publisher);

/** Stop starting rounds this long before the function's timeout (a round attempts up to 25 deliveries). */
const ANSWER_MARGIN_MS = 60_000;

/**
 * Webhook retries that fall due while no producer event arrives (the producer-notifier only sweeps when it
 * runs): every few minutes (the routing table's `webhook-retry-sweep` schedule). The payload is ignored.
 */
export const handler = middy(async (_event: unknown, context: { getRemainingTimeInMillis(): number }) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS;
  const attempted = await sweepUntilDone(deps, { deadline });
  obs.metrics.addMetric('WebhookRetriesAttempted', MetricUnit.Count, attempted);
  obs.logger.info('webhook retry sweep done', { attempted });
  return { attempted };
})
  .use(injectLambdaContext(obs.logger, { resetKeys: true }))
  .use(logMetrics(obs.metrics));
