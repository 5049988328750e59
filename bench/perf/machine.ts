import { availableParallelism, cpus } from 'node:os';
import { channels as allChannels, type Channel } from '@ocop-sync/domain';
import { muteMetricsNotices } from '../chaos/mute.js';

/** The line every benchmark prints first: the machine and the exact command. */
export function printHeader(script: string): void {
  muteMetricsNotices();
  const model = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`command: npx tsx ${script} ${process.argv.slice(2).join(' ')}`.trim());
  console.log(
    `machine: ${availableParallelism()} cores (${model}), Node ${process.version}, ${process.platform}`,
  );
}

/** `--name value` from the command line. */
export function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
}

/** `--channels postmart,shopee,lazada` (default: all three). */
export function channelsArgument(): Channel[] {
  const names = argument('channels')?.split(',') ?? [...allChannels];
  return names.filter((name): name is Channel => (allChannels as readonly string[]).includes(name));
}

/** Prints a markdown table. */
export function printTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

export const percentile = (sorted: readonly number[], share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
