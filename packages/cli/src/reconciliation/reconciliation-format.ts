import { driftClasses } from '@ocop-sync/domain';
import type { ReconciliationReport } from '@ocop-sync/ledger';
import Table from 'cli-table3';
import { formatAge } from '../queues/queue-format.js';
import { compactTable } from '../table-style.js';
import type { ChannelReconciliation } from './reconciliation-status.js';

const headers = [
  'Kênh\nChannel',
  'Lần chạy cuối\nLast run',
  'Đã kiểm\nChecked',
  'Khớp\nIn sync',
  'Đã sửa\nCorrected',
  'Cần người\nNeeds a human',
  'Lệch theo loại\nDrift by class',
];

/** `2026-11-23 18:05 UTC (12 min ago)`: the run's end, and how long ago from `now`. */
function lastRun(report: ReconciliationReport, now: Date): string {
  const finishedAt = new Date(report.finishedAt);
  const ageSeconds = Math.max(0, Math.floor((now.getTime() - finishedAt.getTime()) / 1000));
  const stamp = `${finishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${stamp}\n(${formatAge(ageSeconds)} trước / ago)`;
}

/** Only the classes that occurred, in the catalogue's order: `not-applied 3, campaign-locked 1`. */
function driftByClass(report: ReconciliationReport): string {
  const found = driftClasses.flatMap((driftClass) => {
    const count = report.byClass[driftClass] ?? 0;
    return count > 0 ? [`${driftClass} ${count}`] : [];
  });
  return found.length === 0 ? '—' : found.join('\n');
}

function summaryTable(status: readonly ChannelReconciliation[], now: Date): string {
  const table = new Table({ head: headers, ...compactTable });
  for (const { channel, report } of status) {
    if (report === undefined) {
      table.push([channel, 'chưa chạy / never run', '', '', '', '', '']);
      continue;
    }
    table.push([
      channel,
      lastRun(report, now),
      String(report.checked),
      String(report.inSync),
      String(report.corrected),
      String(report.needsHuman),
      driftByClass(report),
    ]);
  }
  return table.toString();
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The listings a person must look at, per channel; the report names at most 50, the count says how many. */
function humanItemsTable(channel: string, report: ReconciliationReport): string {
  const table = new Table({
    head: ['Sản phẩm\nProduct', 'SKU', 'Loại\nClass', 'Chi tiết\nDetail'],
    ...compactTable,
  });
  for (const item of report.humanItems) {
    table.push([item.productId, item.sellerSku, item.driftClass, cut(item.detail, 100)]);
  }
  const unnamed = report.needsHuman - report.humanItems.length;
  const more = unnamed > 0 ? `\n… và ${unnamed} nữa / and ${unnamed} more` : '';
  return `${channel}: cần người xử lý / needs a human (${report.needsHuman})\n${table.toString()}${more}`;
}

/** The reconciliation part of `status` as a table, then the listings that need a human, per channel. */
export function formatReconciliation(status: readonly ChannelReconciliation[], now: Date): string {
  const sections = [`Đối soát / Reconciliation\n${summaryTable(status, now)}`];
  for (const { channel, report } of status) {
    if (report !== undefined && report.needsHuman > 0) sections.push(humanItemsTable(channel, report));
  }
  return sections.join('\n\n');
}
