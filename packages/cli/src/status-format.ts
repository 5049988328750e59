import { formatStatus } from './queues/queue-format.js';
import type { QueueStatus } from './queues/queue-status.js';
import { formatReconciliation } from './reconciliation/reconciliation-format.js';
import type { ChannelReconciliation } from './reconciliation/reconciliation-status.js';

export const statusFormats = ['table', 'json'] as const;
export type StatusFormat = (typeof statusFormats)[number];

/** What `ocop-sync status` reads: the queues, and the reconciliation reports when the ledger is known. */
export interface SystemStatus {
  queues: readonly QueueStatus[];
  /** `undefined` when the ledger table is not known (on AWS: pass --table or set OCOP_SYNC_LEDGER_TABLE). */
  reconciliation: readonly ChannelReconciliation[] | undefined;
}

const noLedger =
  'Đối soát / Reconciliation: cần tên bảng sổ cái / needs the ledger table (--table or OCOP_SYNC_LEDGER_TABLE)';

/** `table`: the queue table, then the reconciliation; `json`: both as data (a never-run channel has `report: null`). */
export function formatSystemStatus(status: SystemStatus, format: StatusFormat, now: Date): string {
  if (format === 'json') {
    const reconciliation = status.reconciliation?.map(({ channel, report }) => ({
      channel,
      report: report ?? null,
    }));
    return JSON.stringify({ queues: status.queues, reconciliation: reconciliation ?? null }, null, 2);
  }
  const reconciliation =
    status.reconciliation === undefined ? noLedger : formatReconciliation(status.reconciliation, now);
  return `${formatStatus(status.queues)}\n\n${reconciliation}`;
}
