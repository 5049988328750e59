import { availableParallelism } from 'node:os';
import { channels as allChannels, type Channel } from '@ocop-sync/domain';
import { runReference, runScenario, type ScenarioReport } from './harness.js';
import { muteMetricsNotices } from './mute.js';
import { largeSize, type ScenarioName, scenarioNames, smallSize } from './scenarios.js';

/**
 * `npx tsx bench/chaos/run-chaos.ts [--small] [--seed N] [--products N] [--channels postmart,shopee,lazada]
 * [scenario…]`: the fault-free reference run, then each scenario on its own stack, compared with it.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
};
const seed = Number(option('seed') ?? 20241116);
const base = args.includes('--small') ? smallSize : largeSize;
const size = { ...base, products: Number(option('products') ?? base.products) };
const channels = (option('channels')?.split(',') ?? [...allChannels]).filter((name): name is Channel =>
  (allChannels as readonly string[]).includes(name),
);
const chosen = args.filter((arg): arg is ScenarioName => (scenarioNames as readonly string[]).includes(arg));
const scenarios = chosen.length > 0 ? chosen : [...scenarioNames];

// Powertools prints a metrics notice per invocation when metrics are off: not the harness's output.
muteMetricsNotices();

const options = { seed, size, channels };
console.log(`command: npx tsx bench/chaos/run-chaos.ts ${args.join(' ')}`.trim());
console.log(
  `machine: ${availableParallelism()} cores, Node ${process.version}; seed ${seed}; ${size.products} products, ${size.salesPerProduct} sales each; channels ${channels.join(', ')}`,
);
const reference = await runReference(options);
console.log(
  `reference run: ${reference.snapshot.size} ledger/catalogue entries, ${reference.parked} parked, ${reference.crashes.length} crashes, ${(reference.elapsedMs / 1000).toFixed(1)} s`,
);
const reports: ScenarioReport[] = [];
for (const name of scenarios) {
  const report = await runScenario(name, options, reference.snapshot);
  reports.push(report);
  printReport(report);
}
console.log(
  '\n| scenario | injected | lost | crashes | invalid-event writes | duplicate items | intended rejections accounted | parked → redriven → still parked | time |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const report of reports) {
  const injected = Object.entries(report.injected)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const parked = (p: { invalid: number; other: number }) => `${p.other} + ${p.invalid} invalid`;
  console.log(
    `| ${report.name} | ${injected || '—'} | ${report.lost.length} | ${report.crashes.length} | ${report.invalidEventWrites} | ${report.duplicateItems.length} | ${report.intendedRejections.accountedFor}/${report.intendedRejections.expected} | ${parked(report.parkedBeforeRedrive)} → ${report.redriven} → ${parked(report.parkedAfterRedrive)} | ${(report.elapsedMs / 1000).toFixed(1)} s |`,
  );
}
const failed = reports.filter(
  (report) =>
    report.lost.length > 0 ||
    report.crashes.length > 0 ||
    report.invalidEventWrites > 0 ||
    report.duplicateItems.length > 0 ||
    report.intendedRejections.accountedFor !== report.intendedRejections.expected,
);
process.exitCode = failed.length === 0 && reference.crashes.length === 0 ? 0 : 1;

function printReport(report: ScenarioReport): void {
  console.log(`\n${report.name}: ${report.describe}`);
  console.log(`  differing before redrive ${report.differingBeforeRedrive}, after ${report.lost.length}`);
  for (const difference of report.lost.slice(0, 5)) {
    console.log(
      `  ≠ ${difference.key}\n    reference ${difference.reference}\n    run       ${difference.actual}`,
    );
  }
  for (const crash of report.crashes.slice(0, 5)) console.log(`  crash: ${crash}`);
  for (const duplicate of report.duplicateItems) console.log(`  duplicate item: ${duplicate}`);
}
