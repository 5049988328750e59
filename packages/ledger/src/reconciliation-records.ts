import { channel, driftClasses, driftFields, identifier, isoDateTime, text } from '@ocop-sync/domain';
import { z } from 'zod';

const count = z.number().int().min(0);

/**
 * One drift episode of a listing: it starts when a read-back first finds the class and ends when a read-back
 * finds the listing in sync. `attempts` and `reported` make every run's action idempotent: a re-push is
 * bounded per episode, and the producer is told once per episode (and once more if it then needs a human).
 */
export const driftEpisode = z.object({
  driftClass: z.enum(driftClasses),
  fields: z.array(z.enum(driftFields)),
  since: isoDateTime,
  attempts: count,
  lastAttemptAt: isoDateTime.optional(),
  reported: z.boolean(),
  needsHuman: z.boolean(),
});
export type DriftEpisode = z.output<typeof driftEpisode>;

/** The listing's reconciliation state, kept on the listing item itself (one conditional write per check). */
export const readBackState = z.object({
  checkedAt: isoDateTime,
  runId: identifier,
  drift: driftEpisode.optional(),
});
export type ReadBackState = z.output<typeof readBackState>;

/** At most this many listings are named in a report (the rest are counted). */
export const MAX_REPORTED_HUMAN_ITEMS = 50;

export const reconciliationReport = z.object({
  channel,
  runId: identifier,
  startedAt: isoDateTime,
  finishedAt: isoDateTime,
  checked: count,
  inSync: count,
  corrected: count,
  needsHuman: count,
  byClass: z.record(z.enum(driftClasses), count),
  humanItems: z
    .array(
      z.object({
        productId: identifier,
        sellerSku: identifier,
        driftClass: z.enum(driftClasses),
        detail: text({ max: 500 }),
      }),
    )
    .max(MAX_REPORTED_HUMAN_ITEMS),
});
/** One reconciliation run of one channel, as written to the ledger and shown by the CLI's `status`. */
export type ReconciliationReport = z.output<typeof reconciliationReport>;
