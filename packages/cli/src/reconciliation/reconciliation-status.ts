import { type Channel, channels } from '@ocop-sync/domain';
import { createLedger, type ReconciliationReport } from '@ocop-sync/ledger';
import type { Clients } from '../target/clients.js';
import type { Target } from '../target/target.js';

/** The last reconciliation of one channel, or `undefined` for a channel never reconciled. */
export interface ChannelReconciliation {
  channel: Channel;
  report: ReconciliationReport | undefined;
}

/**
 * The last reconciliation report of every channel, from the ledger; `undefined` when the ledger table is not
 * known (on AWS without `--table`), so `status` can still show the queues.
 */
export async function readReconciliationStatus(context: {
  target: Target;
  clients: Clients;
}): Promise<ChannelReconciliation[] | undefined> {
  const tableName = context.target.ledgerTableName;
  if (tableName === undefined) return undefined;
  const ledger = createLedger({ client: context.clients.dynamodb, tableName });
  return byChannel(await ledger.latestReconciliationReports());
}

/** One entry per channel, in the catalogue's channel order, never-run channels included. */
export function byChannel(reports: readonly ReconciliationReport[]): ChannelReconciliation[] {
  return channels.map((channel) => ({
    channel,
    report: reports.find((report) => report.channel === channel),
  }));
}
