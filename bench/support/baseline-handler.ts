import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * The bundle-size and cold-import BASELINE: a handler with only what every function of ours carries anyway
 * (middy and Powertools logger, metrics and tracer, wired as `createQueueHandler` wires them), no AWS SDK
 * clients and no domain code. bench/bundles.ts reports each function as a ratio to this.
 */
const logger = new Logger({ serviceName: 'ocop-sync' });
const metrics = new Metrics({ namespace: 'OcopSync', serviceName: 'ocop-sync' });
const tracer = new Tracer({ serviceName: 'ocop-sync' });

const main = async (event: unknown, context: Context) => {
  logger.info('baseline invoked', { requestId: context.awsRequestId, event });
  return { ok: true };
};

export const handler = middy(main)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
