import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { formatIssues, isoDateTime, parseWith } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { createFunctionContext } from '@ocop-sync/runtime';
import { type CertificationSweepCounts, runCertificationSweep } from '@ocop-sync/workflows';
import { z } from 'zod';

const { config, clients, observability: obs, publisher } = createFunctionContext('certification-sweep');
const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });

/**
 * EventBridge Scheduler invokes with whatever payload the schedule sets (usually `{}`). An operator replaying
 * a missed day, or a test, may pass `{ "now": "2027-09-15T06:00:00+07:00" }` to sweep as of that instant.
 */
const sweepPayload = z.looseObject({ now: isoDateTime.optional() });

function clockFor(event: unknown): () => Date {
  if (typeof event !== 'object' || event === null) return () => new Date();
  const parsed = parseWith(sweepPayload, event);
  // A malformed replay instant fails loudly rather than silently sweeping as of today.
  if (!parsed.ok) throw new Error(`invalid sweep payload: ${formatIssues(parsed.issues)}`);
  const { now } = parsed.value;
  return now === undefined ? () => new Date() : () => new Date(now);
}

const main = async (event: unknown): Promise<CertificationSweepCounts> => {
  const counts = await runCertificationSweep({ ledger, publisher, now: clockFor(event) });
  for (const [name, value] of Object.entries(counts)) {
    obs.metrics.addMetric(`CertificationSweep.${name}`, MetricUnit.Count, value);
  }
  obs.logger.info('certification sweep done', { ...counts });
  return counts;
};

/** Daily certification sweep (see the routing table's `certification-sweep` schedule). Returns the counts. */
export const handler = middy(main)
  .use(injectLambdaContext(obs.logger, { resetKeys: true }))
  .use(logMetrics(obs.metrics));
