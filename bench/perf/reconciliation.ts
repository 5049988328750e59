import { loadavg } from 'node:os';
import type { Channel } from '@ocop-sync/domain';
import { routingTable } from '@ocop-sync/routing';
import { MARKETPLACE_DEFAULTS, type Sandbox } from '@ocop-sync/sandboxes';
// Not exported by the package (yet): how many listings one read-back call covers per marketplace.
import { LISTINGS_PER_READ, reconcileChannel } from '@ocop-sync/workflows';
import { reconciliationWorld } from '../support/reconciliation-world.js';
import { argument, channelsArgument, printHeader, printTable } from './machine.js';

/**
 * Reconciliation read-back rate per channel, against the channel's sandbox over HTTP with its documented rate
 * limits (packages/sandboxes/src/constants.ts) and DynamoDB Local. `--<channel>-listings N` (or `--listings N`)
 * live listings, `--per-shop` (50) to a producer's shop, are seeded through the ledger and the adapter, then
 * reconciled in one run twice:
 * - at the pacing the routing table configures (`RECONCILE_READS_PER_MINUTE` of `reconciliation-<channel>`):
 *   the bound is that pace (the first batch goes at once, each next one its reads' share of a minute later);
 * - at the marketplace's own per-app limit (the adapter also keeps each shop under its per-shop limit): the
 *   bound is what those limits impose on the reads made, max(reads / per-app rate, busiest shop / per-shop rate).
 * The ratio bound/elapsed says how close the run came to its bound (1 = the limit was the only brake).
 */
printHeader('bench/perf/reconciliation.ts');
const loadBefore = loadavg()[0] ?? 0;
// Seeding goes through the ledger and the adapter (~14 listings/s here: 10,000 take ~12 min to prepare), so the
// defaults measure fewer and extrapolate the time for 10,000 (and say so); --shopee-listings 10000 measures it.
const defaultListings: Readonly<Record<Channel, number>> = { shopee: 1_000, lazada: 500, postmart: 120 };
const perShop = Number(argument('per-shop') ?? 50);
/** `--pacing route` or `--pacing limit`: only that run (default both). */
const onlyRoute = argument('pacing') === 'route';
const onlyLimit = argument('pacing') === 'limit';
const target = 10_000;

interface RunFigures {
  pacing: string;
  readsPerMinute: number;
  checked: number;
  reads: number;
  throttled: number;
  elapsedS: number;
  boundS: number;
}

const rows: (string | number)[][] = [];
const coverage: (string | number)[][] = [];
for (const channel of channelsArgument()) {
  const listings = Number(
    argument(`${channel}-listings`) ?? argument('listings') ?? defaultListings[channel],
  );
  const route = routingTable.find((candidate) => candidate.name === `reconciliation-${channel}`);
  const configured = Number(route?.environment.RECONCILE_READS_PER_MINUTE ?? Number.NaN);
  const maxPerRun = Number(route?.environment.RECONCILE_MAX_LISTINGS_PER_RUN ?? Number.NaN);
  const world = await reconciliationWorld(channel, { listings, perShop });
  try {
    const seededAt = Date.now();
    await world.seed();
    const seedS = (Date.now() - seededAt) / 1000;
    const limits = MARKETPLACE_DEFAULTS[channel];
    const runs: RunFigures[] = [];
    const pacings = [
      ['routing table', configured],
      ['marketplace per-app limit', limits.perApp.ratePerSecond * 60],
    ] as const;
    const chosen = pacings.filter(([name]) => (name === 'routing table' ? !onlyLimit : !onlyRoute));
    for (const [pacing, readsPerMinute] of chosen) {
      const since = Date.now();
      const report = await reconcileChannel(world.deps(), {
        channel,
        readsPerMinute,
        maxListingsPerRun: listings,
      });
      const elapsedS = (Date.now() - since) / 1000;
      const reads = readsSince(world.sandbox, since);
      // The pacer lets the first batch go at once and books each batch's reads before it starts.
      const paceBoundS = (Math.max(0, reads.count - readsPerBatch(channel)) * 60) / readsPerMinute;
      const limitBoundS = Math.max(
        reads.count / limits.perApp.ratePerSecond,
        reads.busiestShop / limits.perShop.ratePerSecond,
      );
      runs.push({
        pacing,
        readsPerMinute,
        checked: report.checked,
        reads: reads.count,
        throttled: reads.throttled,
        elapsedS,
        boundS: Math.max(paceBoundS, limitBoundS),
      });
    }
    for (const run of runs) {
      const perMinute = run.checked / (run.elapsedS / 60);
      rows.push([
        channel,
        listings,
        run.pacing,
        run.readsPerMinute,
        LISTINGS_PER_READ[channel],
        run.checked,
        run.reads,
        run.throttled,
        run.elapsedS.toFixed(1),
        run.boundS.toFixed(1),
        (run.boundS / run.elapsedS).toFixed(3),
        Math.round(perMinute),
        formatDuration(run.checked >= target ? run.elapsedS : (target / perMinute) * 60),
        run.checked >= target ? 'measured' : `extrapolated from ${run.checked}`,
      ]);
    }
    const configuredRun = runs.find((run) => run.pacing === 'routing table');
    if (configuredRun !== undefined) {
      // The schedule: a run every 15 minutes, each capped at RECONCILE_MAX_LISTINGS_PER_RUN listings.
      const perMinute = configuredRun.checked / (configuredRun.elapsedS / 60);
      const perRun = Math.min(maxPerRun, Math.floor(perMinute * 15));
      coverage.push([
        channel,
        configured,
        maxPerRun,
        perRun,
        perRun * 96,
        formatDuration(Math.ceil(target / perRun) * 15 * 60),
        seedS.toFixed(0),
      ]);
    }
  } finally {
    await world.close();
  }
}

printTable(
  [
    'channel',
    'listings',
    'pacing',
    'reads/min',
    'listings/read',
    'checked',
    'reads',
    'throttled',
    'elapsed (s)',
    'bound (s)',
    'ratio bound/elapsed',
    'listings/min',
    `time for ${target.toLocaleString('en')}`,
    'how',
  ],
  rows,
);
console.log('');
printTable(
  [
    'channel',
    'reads/min (route)',
    'max listings/run (route)',
    'listings per 15-min run',
    'listings/day',
    `${target.toLocaleString('en')} covered by the schedule in`,
    'seeding (s)',
  ],
  coverage,
);

console.log('');
console.log(
  `load average (1 min) before → after: ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
);

/** Reads in one read-back batch: Postmart's reads go 10 listings a batch (one read each), the others one page. */
function readsPerBatch(channel: Channel): number {
  return channel === 'postmart' ? 10 : 1;
}

/** Marketplace reads (the adapter's read-back calls) since `since`, the busiest shop's, and any throttling. */
function readsSince(sandbox: Sandbox, since: number) {
  const log = sandbox.requestLog().filter((entry) => entry.at >= since);
  const reads = log.filter((entry) => entry.fault === undefined && isReadBack(sandbox.kind, entry));
  const perShop = new Map<string, number>();
  for (const entry of reads)
    if (entry.shopId) perShop.set(entry.shopId, (perShop.get(entry.shopId) ?? 0) + 1);
  return {
    count: reads.length,
    busiestShop: Math.max(0, ...perShop.values()),
    throttled: log.filter((entry) => entry.fault === 'rate-limit' || entry.fault === 'throttle').length,
  };
}

/** Shopee get_item_base_info, Lazada GetProducts, Postmart's product read (one GET per listing). */
function isReadBack(kind: Channel, entry: { method: string; path: string }): boolean {
  if (kind === 'shopee') return entry.path.includes('/product/get_item_base_info');
  if (kind === 'lazada') return entry.path.includes('/products/get');
  return entry.method === 'GET' && entry.path.startsWith('/v1/');
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
