import { createRatePermitStore } from '@ocop-sync/ledger';
import {
  type AdapterOptions,
  InMemoryTokenStore,
  type PermitClaim,
  PostmartAdapter,
  type RatePermitStore,
  SharedRateLimiter,
  type ShopAccount,
} from '@ocop-sync/marketplaces';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Three Lambda execution environments of functions calling Postmart, each with its own adapter, against one
 * sandbox app whose per-app limit is 20 requests/s (burst 10; per-shop limit off). The adapters are configured
 * at 18/s, a little under it, as in production.
 */
describe('the app-wide limit shared through the ledger table', () => {
  let table: TestLedgerTable;
  let postmart: Sandbox<'postmart'>;
  let account: ShopAccount;
  const appLimit = { ratePerSecond: 18, burst: 4 };
  const callsPerExecution = 15;

  beforeAll(async () => {
    table = await createTestLedgerTable('shared-rate-limit');
    postmart = await startSandbox('postmart', {
      port: 0,
      rateLimits: { perApp: { ratePerSecond: 20, burst: 10 }, perShop: false },
    });
    const shop = await postmart.createShop({ name: 'HTX Chè Tân Cương' });
    const tokens = new InMemoryTokenStore();
    account = { channel: 'postmart', shopId: shop.shopId, tokens };
    await tokens.put(account, {
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      accessExpiresAt: shop.accessTokenExpiresAt,
    });
  });
  afterAll(async () => {
    await postmart.close();
    await table.drop();
  });

  const execution = (options: Partial<AdapterOptions>) =>
    new PostmartAdapter({
      baseUrl: postmart.url,
      clientId: postmart.app.clientId,
      clientSecret: postmart.app.clientSecret,
      rateLimits: { perApp: appLimit },
      retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 500, budgetMs: 20_000 },
      ...options,
    });

  /** Every execution looks up `callsPerExecution` seller SKUs at once; returns the sandbox's throttling answers. */
  async function runThree(options: () => Partial<AdapterOptions>) {
    const logBefore = postmart.requestLog().length;
    const executions = [1, 2, 3].map(() => execution(options()));
    const lookups = executions.flatMap((adapter, index) =>
      Array.from({ length: callsPerExecution }, (_, call) =>
        adapter.getListing(account, { sellerSku: `OCOP-TN-${index}-${call}` }),
      ),
    );
    const outcomes = await Promise.allSettled(lookups);
    const log = postmart.requestLog().slice(logBefore);
    return {
      succeeded: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
      throttled: log.filter((entry) => entry.fault === 'rate-limit').length,
    };
  }

  it('keeps three executions together under the limit, with no throttled request', async () => {
    const store = createRatePermitStore({ client: table.client, tableName: table.tableName });
    const outcome = await runThree(() => ({ sharedRateLimiter: new SharedRateLimiter({ store }) }));
    expect(outcome).toEqual({ succeeded: 45, throttled: 0 });
  });

  it('is what stops the overrun: three executions each with the whole limit get throttled', async () => {
    const outcome = await runThree(() => ({}));
    expect(outcome.succeeded).toBe(45);
    expect(outcome.throttled).toBeGreaterThan(0);
  });

  it('lets a lone call on a quiet execution go without waiting for the table (it is counted afterwards)', async () => {
    const claims: PermitClaim[] = [];
    const silent: RatePermitStore = {
      claim: (claim) => {
        claims.push(claim);
        return new Promise(() => undefined); // never answers
      },
    };
    const adapter = execution({
      sharedRateLimiter: new SharedRateLimiter({ store: silent }),
      appRateShare: 1 / 3,
    });
    await expect(adapter.getListing(account, { sellerSku: 'OCOP-TN-LONE' })).resolves.toBeUndefined();
    expect(claims.map((claim) => claim.count)).toEqual([1]);
  });

  it('falls back to each execution’s static share when the table cannot be reached', async () => {
    const unreachable = { claim: () => Promise.reject(new Error('ledger table unreachable')) };
    const outcome = await runThree(() => ({
      sharedRateLimiter: new SharedRateLimiter({ store: unreachable }),
      appRateShare: 1 / 3,
    }));
    expect(outcome).toEqual({ succeeded: 45, throttled: 0 });
  });
});
