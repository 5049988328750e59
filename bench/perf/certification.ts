import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Channel } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { type LocalStack, startLocalStack } from '@ocop-sync/local-stack';
import { MARKETPLACE_DEFAULTS } from '@ocop-sync/sandboxes';
import { runWorkload } from '../chaos/run-workload.js';
import { createWorkload } from '../chaos/workload.js';
import { argument, channelsArgument, printHeader, printTable } from './machine.js';
import { benchRoutes } from './routes.js';

/**
 * Bulk certification: a province's decision of 553 products (generated from the sample shapes, producers
 * spread over the channels) through the local stack, with the sandboxes' default rate limits (the
 * documented or configured figures, see packages/sandboxes/src/constants.ts). The lower bound is what the
 * limits impose on the requests the run had to make: per channel, max(requests / per-app rate,
 * max over shops of shop requests / per-shop rate). Elapsed runs from the first PutEvents of the decision
 * to the last marketplace request.
 */
printHeader('bench/perf/certification.ts');
const products = Number(argument('products') ?? 553);
const channels = channelsArgument();
const workload = createWorkload({ seed: 553, products, salesPerProduct: 0, channels, prefix: 'PROV' });
const stack = await startLocalStack({ quiet: true, retryDelaySeconds: 1, routes: benchRoutes() });
try {
  await runWorkload(stack, workload, { phases: ['links'] });
  const dynamoDbRequests = countDynamoDbRequests();
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const startedAt = Date.now();
  const run = await runWorkload(
    stack,
    { ...workload, links: [] },
    { phases: ['certifications'], settleTimeoutMs: 900_000 },
  );
  void run;
  const drainedAt = Date.now();
  const cpu = process.cpuUsage(cpuBefore);
  const busy = performance.eventLoopUtilization(eluBefore).utilization;
  const rows = channels.map((channel) => channelFigures(stack, channel, startedAt));
  const lastRequestAt = Math.max(...rows.map((row) => row.lastAt));
  const elapsedS = (lastRequestAt - startedAt) / 1000;
  const boundS = Math.max(...rows.map((row) => row.boundS));
  const outcome = await countOutcomes(stack, workload.productIds, channels);
  printTable(
    [
      'channel',
      'listings planned',
      'live',
      'failed',
      'requests made',
      'per-app limit',
      'busiest shop',
      'per-shop limit',
      'bound (s)',
      'throttled',
    ],
    rows.map((row) => [
      row.channel,
      outcome.planned[row.channel] ?? 0,
      outcome.live[row.channel] ?? 0,
      outcome.failed[row.channel] ?? 0,
      row.requests,
      `${row.appRate} rps`,
      row.busiestShop,
      `${row.shopRate} rps`,
      row.boundS.toFixed(2),
      row.throttled,
    ]),
  );
  console.log('');
  printTable(
    ['products', 'elapsed (s)', 'lower bound (s)', 'ratio bound/elapsed', 'lost', 'duplicate items'],
    [
      [
        products,
        elapsedS.toFixed(2),
        boundS.toFixed(2),
        (boundS / elapsedS).toFixed(3),
        outcome.lost,
        outcome.duplicates,
      ],
    ],
  );
  // What bounds the run here: the one Node process runs every handler, the sandboxes and the bus.
  const drainS = (drainedAt - startedAt) / 1000;
  const listings = Object.values(outcome.live).reduce((sum, count) => sum + count, 0);
  console.log('');
  printTable(
    [
      'until drained (s)',
      'event loop busy',
      'process CPU (s)',
      'CPU ms per listing',
      'DynamoDB requests',
      'per listing',
      'load average (1 min, before → after)',
    ],
    [
      [
        drainS.toFixed(2),
        `${(busy * 100).toFixed(0)}%`,
        ((cpu.user + cpu.system) / 1e6).toFixed(1),
        ((cpu.user + cpu.system) / 1000 / Math.max(1, listings)).toFixed(1),
        dynamoDbRequests.count,
        (dynamoDbRequests.count / Math.max(1, listings)).toFixed(1),
        `${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
      ],
    ],
  );
} finally {
  await stack.stop();
}

/** Counts the DynamoDB requests (X-Amz-Target `DynamoDB_…`) the process sends from now on. */
function countDynamoDbRequests(): { count: number } {
  const counter = { count: 0 };
  subscribe('http.client.request.created', (message) => {
    const request = Reflect.get(Object(message), 'request') as ClientRequest | undefined;
    const target = request?.getHeader('x-amz-target');
    if (typeof target === 'string' && target.startsWith('DynamoDB_')) counter.count += 1;
  });
  return counter;
}

function channelFigures(stack: LocalStack, channel: Channel, since: number) {
  const limits = MARKETPLACE_DEFAULTS[channel];
  const log = stack.sandboxes[channel].requestLog().filter((entry) => entry.at >= since);
  const admitted = log.filter((entry) => entry.fault === undefined);
  const perShop = new Map<string, number>();
  for (const entry of admitted)
    if (entry.shopId) perShop.set(entry.shopId, (perShop.get(entry.shopId) ?? 0) + 1);
  const busiestShop = Math.max(0, ...perShop.values());
  const boundS = Math.max(
    admitted.length / limits.perApp.ratePerSecond,
    busiestShop / limits.perShop.ratePerSecond,
  );
  return {
    channel,
    requests: admitted.length,
    throttled: log.filter((entry) => entry.fault === 'rate-limit').length,
    appRate: limits.perApp.ratePerSecond,
    shopRate: limits.perShop.ratePerSecond,
    busiestShop,
    boundS,
    lastAt: Math.max(since, ...log.map((entry) => entry.at)),
  };
}

/** Listings the plan made, how they ended, and every planned listing not live nor failed with a reason (lost). */
async function countOutcomes(stack: LocalStack, productIds: readonly string[], channels: readonly Channel[]) {
  const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
  const planned: Partial<Record<Channel, number>> = {};
  const live: Partial<Record<Channel, number>> = {};
  const failed: Partial<Record<Channel, number>> = {};
  let lost = 0;
  for (const productId of productIds) {
    for (const listing of await ledger.listListings(productId)) {
      if (listing.desired?.state !== 'listed') continue;
      const { channel } = listing;
      planned[channel] = (planned[channel] ?? 0) + 1;
      if (listing.status === 'live') live[channel] = (live[channel] ?? 0) + 1;
      else if (listing.status === 'failed' && listing.failure) failed[channel] = (failed[channel] ?? 0) + 1;
      else lost += 1;
    }
  }
  let duplicates = 0;
  for (const channel of channels) {
    const sandbox = stack.sandboxes[channel];
    const shops = new Set(sandbox.requestLog().flatMap((entry) => (entry.shopId ? [entry.shopId] : [])));
    for (const shopId of shops) {
      const skus = sandbox
        .listItems(shopId)
        .filter((item) => item.status !== 'deleted')
        .map((item) => item.sellerSku);
      duplicates += skus.length - new Set(skus).size;
    }
  }
  return { planned, live, failed, lost, duplicates };
}
