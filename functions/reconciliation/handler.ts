import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { driftClasses } from '@ocop-sync/domain';
import { createLedger, type ReconciliationReport } from '@ocop-sync/ledger';
import { createFunctionContext, requireChannel } from '@ocop-sync/runtime';
import { adapterLogger, createChannelAdapter, reconcileChannel } from '@ocop-sync/workflows';
import type { Context } from 'aws-lambda';

// Each reconciliation route serves one channel (its CHANNEL) with its own pacing, read once at cold start.
const { config, clients, observability: obs, publisher } = createFunctionContext('reconciliation');
const channel = requireChannel(config, 'reconciliation');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
const { adapter, accountFor } = createChannelAdapter(config, clients, channel, {
  logger: adapterLogger(obs.logger),
});

/** Stop starting reads this long before the Lambda's timeout, so the report is always written. */
const DEADLINE_MARGIN_MS = 30_000;

const main = async (_event: unknown, context: Context): Promise<ReconciliationReport> => {
  const report = await reconcileChannel(
    { ledger, adapter, accountFor, publisher, clock: () => new Date(), logger: obs.logger },
    {
      channel,
      readsPerMinute: config.RECONCILE_READS_PER_MINUTE,
      maxListingsPerRun: config.RECONCILE_MAX_LISTINGS_PER_RUN,
      deadline: Date.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS,
    },
  );
  obs.metrics.addDimension('Channel', channel);
  obs.metrics.addMetric('ListingsChecked', MetricUnit.Count, report.checked);
  obs.metrics.addMetric('DriftNeedsHuman', MetricUnit.Count, report.needsHuman);
  for (const driftClass of driftClasses) {
    const metric = obs.metrics.singleMetric();
    metric.addDimensions({ Channel: channel, DriftClass: driftClass });
    metric.addMetric('DriftDetected', MetricUnit.Count, report.byClass[driftClass]);
  }
  return report;
};

/** Scheduled reconciliation of one channel (see the routing table's `reconciliation-<channel>`). Returns the report. */
export const handler = middy(main)
  .use(injectLambdaContext(obs.logger, { resetKeys: true }))
  .use(logMetrics(obs.metrics));
