import type { HandlerName, Route } from '@ocop-sync/routing';
import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * A handler's business metrics, as its Powertools Metrics emits them: dimensions `service` (Powertools) and
 * `function` (the runtime), plus those named here. A CloudWatch alarm matches exact dimensions, so each one
 * is named.
 */
export interface HandlerMetrics {
  /** A dimension every route of the handler sets from its own environment (e.g. `Channel` from `CHANNEL`). */
  readonly routeDimension?: { readonly name: string; readonly environmentKey: string };
  readonly metrics: readonly HandlerMetric[];
}

export interface HandlerMetric {
  readonly metricName: string;
  /** A further dimension the handler adds to each value (e.g. `DriftClass`): graphed as one line per value. */
  readonly splitBy?: string;
  /** When set, a sum of at least `threshold` in five minutes on a route raises that route's alarm. */
  readonly alarm?: { readonly threshold: number; readonly description: string };
}

/** Business metrics per handler, beyond Lambda's own (errors, throttles, duration). */
export const handlerMetrics: Readonly<Partial<Record<HandlerName, HandlerMetrics>>> = {
  // functions/reconciliation/handler.ts: `Channel` on every metric, `DriftClass` on DriftDetected.
  reconciliation: {
    routeDimension: { name: 'Channel', environmentKey: 'CHANNEL' },
    metrics: [
      { metricName: 'ListingsChecked' },
      { metricName: 'DriftDetected', splitBy: 'DriftClass' },
      {
        metricName: 'DriftNeedsHuman',
        alarm: {
          threshold: 1,
          description:
            'drift reconciliation must not correct by itself (campaign-locked stock, a ban, a hand edit to ' +
            'review). `ocop-sync status` lists the listings; the producers got listing.drift.',
        },
      },
    ],
  },
};

export interface MetricSource {
  readonly namespace: string;
  readonly serviceName: string;
}

const period = Duration.minutes(5);

/** `reconciliation-shopee` + `DriftNeedsHuman` → `reconciliation-shopee-drift-needs-human`, as other alarms read. */
export const metricAlarmName = (route: Route, metric: HandlerMetric): string =>
  `${route.name}-${metric.metricName.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase()}`;

/** The metric (sum per five minutes) one route of the handler emits, for its alarm. */
export function routeMetricOf(
  source: MetricSource,
  route: Route,
  metrics: HandlerMetrics,
  metric: HandlerMetric,
) {
  const dimensionsMap: Record<string, string> = { service: source.serviceName, function: route.handler };
  const { routeDimension } = metrics;
  if (routeDimension !== undefined) {
    const value = route.environment[routeDimension.environmentKey];
    if (value === undefined) throw new Error(`${route.name} has no ${routeDimension.environmentKey}`);
    dimensionsMap[routeDimension.name] = value;
  }
  return new Metric({
    namespace: source.namespace,
    metricName: metric.metricName,
    dimensionsMap,
    statistic: 'Sum',
    period,
  });
}

/** Every route's line (and every `splitBy` value's) of one metric: a SEARCH, for dashboards (alarms cannot). */
export function handlerMetricSearch(
  source: MetricSource,
  handler: HandlerName,
  metrics: HandlerMetrics,
  metric: HandlerMetric,
): MathExpression {
  const dimensions = ['function', 'service', metrics.routeDimension?.name, metric.splitBy]
    .filter((name): name is string => name !== undefined)
    .sort()
    .join(',');
  return new MathExpression({
    expression:
      `SEARCH('{${source.namespace},${dimensions}} MetricName="${metric.metricName}" ` +
      `function="${handler}"', 'Sum', ${period.toSeconds()})`,
    label: metric.metricName,
    period,
  });
}
