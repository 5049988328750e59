import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultTokenCacheMs,
  InvalidAccessTokenError,
  NeedsHumanError,
  RetryableError,
  type ShopAccount,
  type ShopKey,
  type ShopTokens,
  TokenKeeper,
  type TokenStore,
} from '../src/index.js';
import { adapterFor, connectShop, startSandbox } from './contract-harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const notListed = { sellerSku: 'OCOP-CM-NOT-LISTED' };

/** The shop's account with its token store wrapped to count reads: each one is a Secrets Manager call in AWS. */
function countingReads(shop: ShopAccount) {
  let reads = 0;
  const store = shop.tokens;
  const tokens: TokenStore = {
    get: (key) => {
      reads += 1;
      return store.get(key);
    },
    put: (key, pair) => store.put(key, pair),
  };
  return { account: { ...shop, tokens }, reads: () => reads };
}

/** Sandbox and adapters share one clock, moved forward by the tests. */
function sharedClock() {
  const clock = { skew: 0, now: () => Date.now() + clock.skew };
  return clock;
}

/** Shopee's token refresh, `POST /api/v2/auth/access_token/get` (see src/shopee/tokens.ts). */
const isRefresh = (path: string) => path.endsWith('/auth/access_token/get');

function shopeeCounters(sandbox: Sandbox) {
  const log = () => sandbox.requestLog();
  return {
    refreshes: () => log().filter((entry) => isRefresh(entry.path)).length,
    shopCalls: () => log().filter((entry) => !isRefresh(entry.path)).length,
  };
}

describe.each(['shopee', 'lazada'] as const)('%s adapter: a shop’s tokens held between calls', (kind) => {
  const clock = sharedClock();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox(kind, { port: 0, seed: 31, now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('reads the token store once for two calls within the cache age', async () => {
    const { account, reads } = countingReads(await connectShop(sandbox));
    const adapter = adapterFor(sandbox, { now: clock.now });
    await expect(adapter.getListing(account, notListed)).resolves.toBeUndefined();
    await expect(adapter.getListing(account, notListed)).resolves.toBeUndefined();
    expect(reads()).toBe(1);
  });

  it('reads the token store again once the cache age has passed', async () => {
    const { account, reads } = countingReads(await connectShop(sandbox));
    const adapter = adapterFor(sandbox, { now: clock.now });
    await adapter.getListing(account, notListed);
    clock.skew += defaultTokenCacheMs;
    await expect(adapter.getListing(account, notListed)).resolves.toBeUndefined();
    expect(reads()).toBe(2);
  });
});

/** Two Lambda execution environments, each with its own adapter, sharing the shop's stored tokens. */
describe('Shopee: another execution renewed the tokens held by this one', () => {
  const clock = sharedClock();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { port: 0, seed: 37, now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('adopts the stored pair when the marketplace refuses the held token, without refreshing again', async () => {
    const shop = await connectShop(sandbox);
    const { account, reads } = countingReads(shop);
    const here = adapterFor(sandbox, { now: clock.now, tokenCacheMs: HOUR });
    const elsewhere = adapterFor(sandbox, { now: clock.now });
    const { refreshes, shopCalls } = shopeeCounters(sandbox);
    const callsBefore = shopCalls();
    await here.getListing(account, notListed);
    const callsPerLookup = shopCalls() - callsBefore;
    await elsewhere.refreshToken(shop);
    // Shopee keeps the previous access token valid for 5 minutes after a refresh (SHP-GUIDE 20): pass that.
    clock.skew += 6 * MINUTE;
    const [readsBefore, refreshesBefore, callsBeforeRefusal] = [reads(), refreshes(), shopCalls()];

    await expect(here.getListing(account, notListed)).resolves.toBeUndefined();

    // The held token was refused once, then the call repeated with the pair the other execution stored.
    expect(shopCalls() - callsBeforeRefusal).toBe(callsPerLookup + 1);
    expect(refreshes()).toBe(refreshesBefore);
    expect(reads() - readsBefore).toBe(1);
    await expect(here.getListing(account, notListed)).resolves.toBeUndefined();
    expect(reads() - readsBefore).toBe(1);
    expect(shopCalls() - callsBeforeRefusal).toBe(2 * callsPerLookup + 1);
  });

  it('reads the store before using a held pair that is about to expire, and adopts a fresh stored one', async () => {
    const shop = await connectShop(sandbox);
    const { account, reads } = countingReads(shop);
    const here = adapterFor(sandbox, { now: clock.now, tokenCacheMs: DAY });
    const elsewhere = adapterFor(sandbox, { now: clock.now });
    const { refreshes, shopCalls } = shopeeCounters(sandbox);
    const callsBefore = shopCalls();
    await here.getListing(account, notListed);
    const callsPerLookup = shopCalls() - callsBefore;
    // Shopee access tokens last 4 hours; the adapter refreshes 10 minutes ahead. The held pair is now 5 minutes
    // from expiry, well inside the cache age: only its expiry sends the keeper to the store.
    clock.skew += 4 * HOUR - 5 * MINUTE;
    await elsewhere.refreshToken(shop);
    const [readsBefore, refreshesBefore, callsBeforeAdopting] = [reads(), refreshes(), shopCalls()];

    await expect(here.getListing(account, notListed)).resolves.toBeUndefined();

    expect(reads() - readsBefore).toBe(1);
    expect(refreshes()).toBe(refreshesBefore);
    const stored = await shop.tokens.get(shop);
    expect(stored?.accessExpiresAt).toBeGreaterThan(clock.now() + HOUR);
    await here.getListing(account, notListed);
    expect(reads() - readsBefore).toBe(1);
    // Neither lookup was refused: the fresh stored pair was used, not the expiring held one.
    expect(shopCalls() - callsBeforeAdopting).toBe(2 * callsPerLookup);
  });
});

/** Keeps each pair under its secret name, as Secrets Manager does. */
class SecretsByName implements TokenStore {
  readonly #secrets = new Map<string, ShopTokens>();
  reads = 0;

  async get(shop: ShopKey): Promise<ShopTokens | undefined> {
    this.reads += 1;
    return this.#secrets.get(shop.tokenSecretName ?? '');
  }

  async put(shop: ShopKey, tokens: ShopTokens): Promise<void> {
    this.#secrets.set(shop.tokenSecretName ?? '', tokens);
  }
}

const pair = (name: string, accessExpiresAt = 4 * HOUR): ShopTokens => ({
  accessToken: `access-${name}`,
  refreshToken: `refresh-${name}`,
  accessExpiresAt,
});

describe('token keeper: what it holds', () => {
  const token = async (accessToken: string) => accessToken;

  it('keeps a shop re-linked under another secret apart from its old secret', async () => {
    const store = new SecretsByName();
    const before: ShopAccount = {
      channel: 'lazada',
      shopId: '200100',
      tokenSecretName: 'ocop-sync/lazada/200100/first-link',
      tokens: store,
    };
    const relinked: ShopAccount = { ...before, tokenSecretName: 'ocop-sync/lazada/200100/second-link' };
    await store.put(before, pair('first-link'));
    await store.put(relinked, pair('second-link'));
    const keeper = new TokenKeeper({ refreshAheadMs: 10 * MINUTE, now: () => 0, refresh: failRefresh });

    await expect(keeper.withToken(before, token)).resolves.toBe('access-first-link');
    await expect(keeper.withToken(relinked, token)).resolves.toBe('access-second-link');
    await expect(keeper.withToken(before, token)).resolves.toBe('access-first-link');
    expect(store.reads).toBe(2);
  });

  it('forgets a shop whose refresh is refused, so the pair of a new authorisation is read', async () => {
    const store = new SecretsByName();
    const account: ShopAccount = { channel: 'shopee', shopId: '300200', tokenSecretName: 's', tokens: store };
    await store.put(account, pair('old'));
    const keeper = new TokenKeeper({ refreshAheadMs: 10 * MINUTE, now: () => 0, refresh: failRefresh });
    await expect(keeper.withToken(account, token)).resolves.toBe('access-old');

    await expect(keeper.refresh(account)).rejects.toBeInstanceOf(NeedsHumanError);
    // The producer authorises the shop again; the connection flow stores the new pair under the same secret.
    await store.put(account, pair('reauthorised'));

    await expect(keeper.withToken(account, token)).resolves.toBe('access-reauthorised');
  });

  it('never uses a refused held token again, even when the refresh after the refusal fails', async () => {
    const store = new SecretsByName();
    const account: ShopAccount = { channel: 'shopee', shopId: '300400', tokenSecretName: 's', tokens: store };
    await store.put(account, pair('held'));
    const keeper = new TokenKeeper({
      refreshAheadMs: 10 * MINUTE,
      now: () => 0,
      refresh: async () => {
        throw new RetryableError('refresh timed out', { channel: 'shopee', code: 'timeout', attempts: 5 });
      },
    });
    await keeper.withToken(account, token);
    const seen: string[] = [];
    const refuseHeld = async (accessToken: string) => {
      seen.push(accessToken);
      if (accessToken === 'access-held')
        throw new InvalidAccessTokenError('refused', { channel: 'shopee', code: 'error_auth' });
      return accessToken;
    };
    await expect(keeper.withToken(account, refuseHeld)).rejects.toBeInstanceOf(RetryableError);
    // Meanwhile another execution refreshed and stored its pair.
    await store.put(account, pair('renewed-elsewhere'));
    seen.length = 0;

    await expect(keeper.withToken(account, refuseHeld)).resolves.toBe('access-renewed-elsewhere');
    expect(seen).toEqual(['access-renewed-elsewhere']);
  });

  it('holds nothing with a cache age of 0', async () => {
    const store = new SecretsByName();
    const account: ShopAccount = { channel: 'shopee', shopId: '300300', tokenSecretName: 's', tokens: store };
    await store.put(account, pair('only'));
    const keeper = new TokenKeeper({
      refreshAheadMs: 10 * MINUTE,
      tokenCacheMs: 0,
      now: () => 0,
      refresh: failRefresh,
    });
    await keeper.withToken(account, token);
    await keeper.withToken(account, token);
    expect(store.reads).toBe(2);
  });
});

/** The marketplace refuses the refresh token (the seller ended the authorisation). */
async function failRefresh(account: ShopAccount): Promise<ShopTokens> {
  throw new NeedsHumanError('refresh refused', {
    channel: account.channel,
    code: 'shop-disconnected',
    resolution: 'reauthorize-shop',
    humanMessage: { vi: 'Cấp quyền lại', en: 'Authorise again' },
  });
}
