import { SingleBar } from 'cli-progress';
import type { Clients } from '../target/clients.js';
import type { Target } from '../target/target.js';
import { type CheckedDecision, checkCouncilDecision } from './council-decision.js';
import { type PublishReport, publishCertifications } from './publish-certifications.js';
import { readCouncilSheet } from './read-sheet.js';
import { formatRowIssue } from './row-issues.js';

export interface ImportOptions {
  skipInvalid?: boolean;
  dryRun?: boolean;
  /** Show a progress bar (a terminal); tests and pipes pass false. */
  progress?: boolean;
  out?: (line: string) => void;
}

export type ImportResult =
  | { outcome: 'refused'; checked: CheckedDecision }
  | { outcome: 'dry-run'; checked: CheckedDecision }
  | { outcome: 'published'; checked: CheckedDecision; report: PublishReport };

/**
 * `ocop-sync import`: reads the sheet, reports every bad row at once, and publishes nothing while any row is
 * bad (unless `skipInvalid`); otherwise publishes one ProductCertified per valid row.
 */
export async function importCouncilDecision(
  file: string,
  context: { target: Target; clients: Clients },
  options: ImportOptions = {},
): Promise<ImportResult> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const checked = checkCouncilDecision(await readCouncilSheet(file));
  const total = checked.valid.length + checked.invalidRows;
  for (const issue of checked.issues) out(formatRowIssue(issue));
  out(
    `${checked.valid.length}/${total} dòng hợp lệ / rows valid` +
      (checked.issues.length > 0 ? `; ${checked.issues.length} lỗi / problems` : ''),
  );
  const blocked = checked.issues.length > 0 && !options.skipInvalid;
  if (blocked) {
    out(
      'Không gửi gì: sửa các dòng trên hoặc dùng --skip-invalid / Nothing published: fix the rows above or pass --skip-invalid',
    );
    return { outcome: 'refused', checked };
  }
  if (options.dryRun) {
    out(`--dry-run: ${checked.valid.length} sản phẩm sẽ được gửi / products would be published`);
    return { outcome: 'dry-run', checked };
  }
  const bar = options.progress
    ? new SingleBar({ format: 'ProductCertified {bar} {value}/{total}' })
    : undefined;
  bar?.start(checked.valid.length, 0);
  const report = await publishCertifications(checked.valid, {
    client: context.clients.eventBridge,
    eventBusName: context.target.eventBusName,
    onProgress: (published) => bar?.update(published),
  }).finally(() => bar?.stop());
  out(`Đã gửi / published ${report.published} ProductCertified to ${context.target.eventBusName}`);
  for (const failure of report.failed) {
    out(
      `Dòng/Row ${failure.rowNumber} (${failure.productId}): không gửi được / not published: ${failure.error}`,
    );
  }
  return { outcome: 'published', checked, report };
}
