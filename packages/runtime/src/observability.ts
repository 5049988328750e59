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
  const logger = new Logger({
    serviceName: config.POWERTOOLS_SERVICE_NAME,
    logLevel: config.POWERTOOLS_LOG_LEVEL,
    persistentKeys: { function: functionName },
  });
  return {
    logger,
    metrics: new Metrics({
      namespace: config.POWERTOOLS_METRICS_NAMESPACE,
      serviceName: config.POWERTOOLS_SERVICE_NAME,
      defaultDimensions: { function: functionName },
      logger: metricsDiagnostics(logger),
    }),
    tracer: new Tracer({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
  };
}

/** The part of a logger Metrics' diagnostics need (Powertools' `Logger` fits). */
export interface DiagnosticsLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Powertools Metrics warns on every flush that had nothing to count (its text starts with this). */
const EMPTY_FLUSH_WARNING = 'No application metrics to publish';

/**
 * Metrics' own diagnostics, through the function's structured logger. An empty flush is normal here (a batch
 * of duplicates, a sweep with nothing due), so that one warning is dropped; every other one is kept.
 */
export function metricsDiagnostics(logger: DiagnosticsLogger): DiagnosticsLogger & {
  warn(...content: unknown[]): void;
} {
  return {
    debug: (...content: unknown[]) => logger.debug(describe(content)),
    info: (...content: unknown[]) => logger.info(describe(content)),
    warn: (...content: unknown[]) => {
      const message = describe(content);
      if (!message.startsWith(EMPTY_FLUSH_WARNING)) logger.warn(message);
    },
    error: (...content: unknown[]) => logger.error(describe(content)),
  };
}

const describe = (content: readonly unknown[]): string =>
  content.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
