import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { type DiagnosticsLogger, metricsDiagnostics } from '../src/observability.js';

function recordingLogger(): DiagnosticsLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

// A real Metrics instance, disabled so nothing is printed (as on the local stack).
const metricsWith = (logger: DiagnosticsLogger) =>
  new Metrics({ namespace: 'test', serviceName: 'test', logger: metricsDiagnostics(logger) });

describe('metricsDiagnostics', () => {
  it('drops the empty-flush warning', () => {
    const logger = recordingLogger();
    const previous = process.env.POWERTOOLS_METRICS_DISABLED;
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    try {
      metricsWith(logger).publishStoredMetrics();
    } finally {
      if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = previous;
    }
    expect(logger.lines).toEqual([]);
  });

  it('keeps every other warning', () => {
    const logger = recordingLogger();
    const metrics = metricsWith(logger);
    metrics.addDimension('channel', '');
    metrics.addMetric('ListingsChecked', MetricUnit.Count, 1);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^warn: The dimension channel/);
  });
});
