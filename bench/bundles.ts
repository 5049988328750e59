/**
 * Bundle size and cold import time of every Lambda function, as ratios to a bare middy + Powertools handler
 * bundled and measured the same way in the same run (the machine is shared and noisy: only ratios travel).
 *
 *   npx tsx bench/bundles.ts [rounds=9]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlerNames, routingTable } from '@ocop-sync/routing';
import { z } from 'zod';
import { type BuiltBundle, bundleLikeCdk } from './support/cdk-bundle.js';
import { measureColdImport, nodeVersionOf } from './support/cold-import.js';
import { describeMachine, formatInteger, formatRatio, markdownTable, median } from './support/machine.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const rounds = z.coerce.number().int().min(1).max(50).default(9).parse(process.argv[2]);
const baselineName = 'BASELINE (middy + Powertools)';

/**
 * Functions that cannot start in production mode on this repo yet, with why: measured in local mode instead
 * (same code bundled; only a configuration branch differs) and footnoted in the output. None today.
 */
const localModeOnly: Readonly<Record<string, string>> = {};

/**
 * What a function sees at cold start in Lambda (no local endpoints: production mode), the same for every
 * bundle so only the code differs. The route environment (CHANNEL) comes from the routing table.
 */
function coldStartEnvironment(handler: string | undefined): Record<string, string> {
  const route = routingTable.find((candidate) => candidate.handler === handler);
  return {
    AWS_REGION: 'ap-southeast-1',
    AWS_LAMBDA_FUNCTION_NAME: route?.name ?? 'baseline',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    LEDGER_TABLE_NAME: 'ocop-ledger',
    EVENT_BUS_NAME: 'ocop-sync',
    POSTMART_BASE_URL: 'https://api.postmart.example.vn',
    POWERTOOLS_SERVICE_NAME: 'ocop-sync',
    POWERTOOLS_METRICS_NAMESPACE: 'OcopSync',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    // The producer API reads its token issuer and public URL at cold start (the stack sets them from Cognito).
    API_JWT_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_bench',
    API_JWT_AUDIENCE: 'bench-client',
    API_JWKS_URL:
      'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_bench/.well-known/jwks.json',
    API_PUBLIC_URL: 'https://api.ocop-sync.example',
    SHOP_CONNECT_STATE_SECRET_NAME: 'ocop-sync/shop-connect-state',
    ...(route?.environment ?? {}),
    ...(handler !== undefined && handler in localModeOnly ? { OCOP_MODE: 'local' } : {}),
  };
}

interface Subject {
  readonly name: string;
  readonly entry: string;
  readonly environment: Record<string, string>;
  bundle?: BuiltBundle;
  readonly importMs: number[];
  readonly sinceStartMs: number[];
}

async function main(): Promise<void> {
  const node = join(repoRoot, 'node_modules/.bin/node');
  if (!existsSync(node)) throw new Error(`no project Node at ${node}: run npm ci first`);
  const nodeVersion = await nodeVersionOf(node);
  if (!nodeVersion.startsWith('v22.')) throw new Error(`expected Node 22 at ${node}, found ${nodeVersion}`);

  const subjects: Subject[] = [
    {
      name: baselineName,
      entry: join(repoRoot, 'bench/support/baseline-handler.ts'),
      environment: coldStartEnvironment(undefined),
      importMs: [],
      sinceStartMs: [],
    },
    ...handlerNames.map((name) => ({
      name,
      entry: join(repoRoot, `functions/${name}/handler.ts`),
      environment: coldStartEnvironment(name),
      importMs: [],
      sinceStartMs: [],
    })),
  ];
  const workDirectory = await mkdtemp(join(tmpdir(), 'ocop-bench-bundles-'));
  try {
    for (const [index, subject] of subjects.entries()) {
      const outputDirectory = join(workDirectory, String(index));
      subject.bundle = await bundleLikeCdk({ entry: subject.entry, outputDirectory, repoRoot });
    }
    // Interleaved rounds: a burst of load on the shared machine hits every subject, not just one.
    for (let round = 0; round < rounds; round += 1) {
      for (const subject of subjects) {
        if (subject.bundle === undefined) continue;
        const measured = await measureColdImport({
          node,
          bundleFile: subject.bundle.file,
          environment: subject.environment,
        });
        subject.importMs.push(measured.importMs);
        subject.sinceStartMs.push(measured.sinceProcessStartMs);
      }
    }
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
  printReport(subjects, nodeVersion);
}

function printReport(subjects: readonly Subject[], nodeVersion: string): void {
  const [baseline] = subjects;
  if (baseline?.bundle === undefined) throw new Error('the baseline was not built');
  const baseBytes = baseline.bundle.bytes;
  const baseGzip = baseline.bundle.gzipBytes;
  const baseImport = median(baseline.importMs);
  const notes = Object.entries(localModeOnly).map(
    ([name, why]) => `\`${name}\` imported with OCOP_MODE=local: it ${why}.`,
  );
  const rows = subjects.map((subject) => {
    const bundle = subject.bundle;
    if (bundle === undefined) return [subject.name, 'not built', '', '', '', '', '', ''];
    const importMs = median(subject.importMs);
    return [
      subject.name === baselineName ? `**${subject.name}**` : `\`${subject.name}\``,
      formatInteger(bundle.bytes),
      formatInteger(bundle.gzipBytes),
      formatRatio(bundle.bytes / baseBytes),
      formatRatio(bundle.gzipBytes / baseGzip),
      importMs.toFixed(1),
      formatRatio(importMs / baseImport),
      median(subject.sinceStartMs).toFixed(1),
    ];
  });
  console.log('## Bundles and cold import\n');
  console.log(
    markdownTable(
      [
        'function',
        'bundle bytes',
        'gzip bytes',
        'size × baseline',
        'gzip × baseline',
        `cold import ms (median of ${rounds})`,
        'import × baseline',
        'ms since process start',
      ],
      rows,
    ),
  );
  console.log(
    `\nMachine: ${describeMachine(nodeVersion)} (children run the project's node_modules/.bin/node with ` +
      '--enable-source-maps; the bench itself runs on ' +
      `${process.version}). Bundled with esbuild as infra/lib/ocop-function.ts bundles (ESM, minified, ` +
      'node22, platform node, source map, no externals, createRequire banner). Sizes exclude the .map file. ' +
      'Milliseconds are this machine only; the ratios are the figure.',
  );
  for (const note of notes) console.log(`\n${note}`);
  printContributors(subjects);
}

/** Where the bytes come from: the largest contributors across the function bundles, per function. */
function printContributors(subjects: readonly Subject[]): void {
  const functions = subjects.slice(1).filter((subject) => subject.bundle !== undefined);
  const totals = new Map<string, number>();
  for (const subject of functions)
    for (const [name, bytes] of subject.bundle?.bytesByPackage ?? [])
      totals.set(name, (totals.get(name) ?? 0) + bytes);
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log('\nLargest contributors to the function bundles (minified bytes in each bundle):\n');
  console.log(
    markdownTable(
      ['package', ...functions.map((subject) => `\`${subject.name}\``)],
      top.map(([name]) => [
        `\`${name}\``,
        ...functions.map((subject) => formatInteger(subject.bundle?.bytesByPackage.get(name) ?? 0)),
      ]),
    ),
  );
}

await main();
