/**
 * The marketplace side of bulk certification, without the local stack's CPU in the way: Postmart listings
 * created by two busy listing-sync executions (each its own adapter and buckets, as two Lambda execution
 * environments are) against the Postmart sandbox at its documented limits, in three configurations, one after
 * the other in the same run:
 * - static split: each execution paces itself at its share of the app-wide figure (`appRateShare`, the
 *   fallback when the ledger table cannot be reached);
 * - shared: every execution reserves permits on one pace item in DynamoDB Local (`SharedRateLimiter` over
 *   `createRatePermitStore`, as `createChannelAdapter` wires it);
 * - no split: each execution at the whole figure (what two executions did before the split).
 * Bound = max(requests / per-app rate, busiest shop's requests / per-shop rate), as in certification.ts.
 *
 *   npx tsx bench/perf/shared-rate.ts [--listings 346] [--shops 87] [--busy 2]
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localCredentials, startDynamoDbLocal } from '@ocop-sync/dynamodb-local';
import { createRatePermitStore } from '@ocop-sync/ledger';
import { createLedgerTableInput } from '@ocop-sync/ledger/table-definition';
import {
  type AdapterOptions,
  type PermitClaim,
  PostmartAdapter,
  type RatePermitStore,
  SharedRateLimiter,
  type ShopAccount,
} from '@ocop-sync/marketplaces';
import { appRateShare } from '@ocop-sync/routing';
import { MARKETPLACE_DEFAULTS, type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { connectShop, freshDraft } from '../../packages/marketplaces/test/contract-harness.js';
import { argument, percentile, printHeader, printTable } from './machine.js';

printHeader('bench/perf/shared-rate.ts');
const listings = Number(argument('listings') ?? 346);
const shops = Number(argument('shops') ?? 87);
const busy = Number(argument('busy') ?? 2);
/** Each listing-sync execution works this many products of its batch at once (functions/listing-sync). */
const PRODUCTS_AT_ONCE = 10;

const { perApp, perShop } = MARKETPLACE_DEFAULTS.postmart;
const db = await startDynamoDbLocal();
const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'local', credentials: localCredentials });
const tableName = `bench-shared-rate-${randomUUID().slice(0, 8)}`;
await client.send(new CreateTableCommand(createLedgerTableInput(tableName)));

type Configuration = 'static split' | 'shared (ledger table)' | 'no split';

interface Outcome {
  configuration: Configuration;
  elapsedS: number;
  requests: number;
  throttled: number;
  busiestShop: number;
  claims: number;
  /** Median and 90th percentile of a claim's DynamoDB round trip, ms. */
  claimMs: [number, number] | undefined;
  failed: number;
}

/** Counts the claims (DynamoDB writes) the executions make. */
class CountedStore implements RatePermitStore {
  claims = 0;
  readonly roundTrips: number[] = [];
  readonly #inner = createRatePermitStore({ client, tableName });
  async claim(claim: PermitClaim) {
    this.claims += 1;
    const startedAt = performance.now();
    const grant = await this.#inner.claim(claim);
    this.roundTrips.push(performance.now() - startedAt);
    return grant;
  }
}

async function run(configuration: Configuration, seed: number): Promise<Outcome> {
  const sandbox: Sandbox = await startSandbox('postmart', { port: 0, seed });
  try {
    const accounts: ShopAccount[] = [];
    for (let shop = 0; shop < shops; shop += 1) accounts.push(await connectShop(sandbox));
    const store = new CountedStore();
    const executions = Array.from({ length: busy }, () => adapter(sandbox, configuration, store));
    const work = Array.from({ length: listings }, (_, index) => ({
      account: accounts[index % accounts.length] as ShopAccount,
      draft: freshDraft('postmart'),
    }));
    const logStart = sandbox.requestLog().length;
    const startedAt = Date.now();
    let failed = 0;
    // Listings reach the executions in batches, as SQS hands them out: round-robin here.
    await Promise.all(
      executions.map(async (execution, index) => {
        const mine = work.filter((_, item) => item % executions.length === index);
        const workers = Array.from({ length: PRODUCTS_AT_ONCE }, async () => {
          for (let next = mine.shift(); next !== undefined; next = mine.shift()) {
            await execution.upsertListing(next.account, next.draft).catch(() => {
              failed += 1;
            });
          }
        });
        await Promise.all(workers);
      }),
    );
    const log = sandbox.requestLog().slice(logStart);
    const lastAt = Math.max(...log.map((entry) => entry.at));
    const perShop = new Map<string, number>();
    for (const entry of log) {
      if (entry.shopId !== undefined) perShop.set(entry.shopId, (perShop.get(entry.shopId) ?? 0) + 1);
    }
    return {
      configuration,
      elapsedS: (lastAt - startedAt) / 1000,
      requests: log.length,
      throttled: log.filter((entry) => entry.fault === 'rate-limit').length,
      busiestShop: Math.max(...perShop.values()),
      claims: store.claims,
      claimMs:
        store.roundTrips.length === 0
          ? undefined
          : [percentile(sortedRoundTrips(store), 0.5), percentile(sortedRoundTrips(store), 0.9)],
      failed,
    };
  } finally {
    await sandbox.close();
  }
}

const sortedRoundTrips = (store: CountedStore) => store.roundTrips.toSorted((a, b) => a - b);

function adapter(sandbox: Sandbox, configuration: Configuration, store: RatePermitStore): PostmartAdapter {
  const app = sandbox.app;
  if (app.kind !== 'postmart') throw new Error('a Postmart sandbox was expected');
  const pacing: Partial<AdapterOptions> =
    configuration === 'static split'
      ? { appRateShare: appRateShare('postmart') }
      : configuration === 'shared (ledger table)'
        ? { sharedRateLimiter: new SharedRateLimiter({ store }), appRateShare: appRateShare('postmart') }
        : {};
  return new PostmartAdapter({
    baseUrl: sandbox.url,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    timeoutMs: 15_000,
    retry: { maxAttempts: 8, budgetMs: 60_000 },
    ...pacing,
  });
}

try {
  const outcomes: Outcome[] = [];
  const configurations: Configuration[] = ['static split', 'shared (ledger table)', 'no split'];
  for (const [index, configuration] of configurations.entries())
    outcomes.push(await run(configuration, 40 + index));
  const appRate = perApp.ratePerSecond;
  const shopRate = perShop.ratePerSecond;
  const adapterPace = 90; // PostmartAdapter's per-app default: a little under the marketplace's 100
  printTable(
    [
      'configuration',
      'listings',
      'requests',
      'throttled',
      'failed',
      'elapsed (s)',
      'bound (s)',
      'ratio bound/elapsed',
      'ratio to the adapter pace (90 rps)',
      'DynamoDB claims',
      'claims per request',
      'claim round trip p50 / p90 (ms)',
    ],
    outcomes.map((outcome) => {
      const boundS = Math.max(outcome.requests / appRate, outcome.busiestShop / shopRate);
      return [
        outcome.configuration,
        listings,
        outcome.requests,
        outcome.throttled,
        outcome.failed,
        outcome.elapsedS.toFixed(2),
        boundS.toFixed(2),
        (boundS / outcome.elapsedS).toFixed(3),
        (outcome.requests / adapterPace / outcome.elapsedS).toFixed(3),
        outcome.claims,
        (outcome.claims / outcome.requests).toFixed(2),
        outcome.claimMs === undefined
          ? '—'
          : `${outcome.claimMs[0].toFixed(1)} / ${outcome.claimMs[1].toFixed(1)}`,
      ];
    }),
  );
  console.log(
    `\n${busy} busy executions of ${1 / appRateShare('postmart')} that may call Postmart; sandbox limits ${appRate} rps per app, ${shopRate} rps per seller; ${shops} shops.`,
  );
} finally {
  await db.stop();
}
