import type { LedgerContext } from './context.js';
import type { ReconciliationLedger } from './ledger-api.js';
import {
  latestReconciliationReports,
  listingsToCheck,
  recordReadBack,
  recordReconciliationReport,
} from './reconciliation.js';
import { readBackState, reconciliationReport } from './reconciliation-records.js';
import { inputs, validInput } from './validation.js';

/** The reconciliation part of the ledger: inputs validated here, as everywhere else in the ledger. */
export function reconciliationApi(context: LedgerContext): ReconciliationLedger {
  const channel = (value: string) => validInput(inputs.channel, value, 'channel');
  return {
    listingsToCheck: async (ch, limit) => {
      if (!Number.isInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer: ${limit}`);
      return listingsToCheck(context, channel(ch), limit);
    },
    recordReadBack: async (input) =>
      recordReadBack(context, {
        productId: validInput(inputs.id, input.productId, 'productId'),
        channel: channel(input.channel),
        revision: input.revision,
        readBack: validInput(readBackState, input.readBack, 'readBack'),
      }),
    recordReconciliationReport: async (report) =>
      recordReconciliationReport(context, validInput(reconciliationReport, report, 'report')),
    latestReconciliationReports: async () => latestReconciliationReports(context),
  };
}
