import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { FunctionEnvironment } from './config.js';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** Powertools logger, metrics and tracer for one function; service and namespace from the environment. */
export function createObservability(config: FunctionEnvironment, functionName: string): Observability {
  return {
    logger: new Logger({
      serviceName: config.POWERTOOLS_SERVICE_NAME,
      logLevel: config.POWERTOOLS_LOG_LEVEL,
      persistentKeys: { function: functionName },
    }),
    metrics: new Metrics({
      namespace: config.POWERTOOLS_METRICS_NAMESPACE,
      serviceName: config.POWERTOOLS_SERVICE_NAME,
      defaultDimensions: { function: functionName },
    }),
    tracer: new Tracer({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
  };
}
