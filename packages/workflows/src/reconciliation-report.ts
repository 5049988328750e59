import { type Channel, type DriftClass, driftClasses } from '@ocop-sync/domain';
import { type DriftEpisode, MAX_REPORTED_HUMAN_ITEMS, type ReconciliationReport } from '@ocop-sync/ledger';
import type { Difference } from './reconciliation-classify.js';

/** What one listing's check ended with, for the run's report. */
export interface CheckTally {
  productId: string;
  sellerSku: string;
  inSync: boolean;
  corrected: boolean;
  episode: DriftEpisode | undefined;
  differences: readonly Difference[];
  /** A refusal's words, when the marketplace gave some. */
  note?: string;
}

/** Counts a run's checks into its report; `humanItems` names at most {@link MAX_REPORTED_HUMAN_ITEMS}. */
export function createReportBuilder(channel: Channel, runId: string, startedAt: Date) {
  const byClass = Object.fromEntries(driftClasses.map((name) => [name, 0])) as Record<DriftClass, number>;
  const report: Omit<ReconciliationReport, 'finishedAt'> = {
    channel,
    runId,
    startedAt: startedAt.toISOString(),
    checked: 0,
    inSync: 0,
    corrected: 0,
    needsHuman: 0,
    byClass,
    humanItems: [],
  };
  return {
    add(tally: CheckTally) {
      report.checked += 1;
      if (tally.inSync) report.inSync += 1;
      if (tally.corrected) report.corrected += 1;
      const episode = tally.episode;
      if (episode === undefined) return;
      byClass[episode.driftClass] += 1;
      if (!episode.needsHuman) return;
      report.needsHuman += 1;
      if (report.humanItems.length >= MAX_REPORTED_HUMAN_ITEMS) return;
      report.humanItems.push({
        productId: tally.productId,
        sellerSku: tally.sellerSku,
        driftClass: episode.driftClass,
        detail: describe(tally),
      });
    },
    finish(finishedAt: Date): ReconciliationReport {
      return { ...report, finishedAt: finishedAt.toISOString() };
    },
  };
}

function describe(tally: CheckTally): string {
  const fields = tally.differences.map(
    (difference) =>
      `${difference.field}: ledger ${difference.expected}, marketplace ${difference.actual ?? 'none'}`,
  );
  const attempts = tally.episode === undefined ? '' : ` (${tally.episode.attempts} push(es))`;
  return `${[...fields, ...(tally.note === undefined ? [] : [tally.note])].join('; ')}${attempts}`.slice(
    0,
    500,
  );
}
