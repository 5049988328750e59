import { channels } from '@ocop-sync/domain';
import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ListingRef,
  type MarketplaceAdapter,
  type MarketplaceListing,
  NeedsHumanError,
  type ShopAccount,
  StockLockedByCampaignError,
} from '../src/index.js';
import { adapterFor, connectShop, freshDraft, startSandbox } from './contract-harness.js';

/**
 * Sandbox and adapter share one clock that runs with real time plus a skew the test can move forward, so a
 * change lands in a later second (Shopee's `update_time` has whole seconds) without waiting.
 */
let skewMs = 0;
const now = (): number => Date.now() + skewMs;
const unlimited = { ratePerSecond: 10_000, burst: 10_000 };

describe.each(channels)('%s read-back against its sandbox over HTTP', (channel) => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox(channel, { seed: 11, now, rateLimits: { perApp: false, perShop: false } });
    adapter = adapterFor(sandbox, { now, rateLimits: { perApp: unlimited, perShop: unlimited } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  async function listings(account: ShopAccount, count: number): Promise<ListingRef[]> {
    const refs: ListingRef[] = [];
    for (let index = 0; index < count; index += 1)
      refs.push(await adapter.upsertListing(account, freshDraft(channel)));
    return refs;
  }

  /** Sets stock 100+i (or 200+i…) on each ref under the fault, then reads which writes really landed. */
  async function landedWrites(account: ShopAccount, refs: ListingRef[], base: number): Promise<boolean[]> {
    sandbox.faults.set({ seed: 5, ignoreWriteRate: 0.5 });
    try {
      for (const [index, ref] of refs.entries()) await adapter.setStock(account, ref, base + index);
    } finally {
      sandbox.faults.clear();
    }
    const held = await adapter.getListings(account, refs);
    return refs.map((ref, index) => held.find((one) => one.ref === ref)?.stock === base + index);
  }

  it('acknowledges ignored stock writes without applying them, the same writes for the same seed', async () => {
    const account = await connectShop(sandbox);
    const refs = await listings(account, 6);
    const before = await adapter.getListings(account, refs);
    const mark = sandbox.requestLog().length;

    const first = await landedWrites(account, refs, 100);
    const second = await landedWrites(account, refs, 200);

    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(second).toEqual(first);
    const ignored = sandbox
      .requestLog()
      .slice(mark)
      .filter((entry) => entry.fault === 'ignored');
    expect(ignored).toHaveLength(2 * first.filter((landed) => !landed).length);
    const after = await adapter.getListings(account, refs);
    const of = (held: MarketplaceListing[], ref: ListingRef) => held.find((listing) => listing.ref === ref);
    for (const [index, ref] of refs.entries()) {
      if (first[index] === true) continue;
      expect(of(after, ref)).toMatchObject({ stock: 25, updatedAt: of(before, ref)?.updatedAt });
    }
  });

  it('sees a hand edit in the seller centre through getListing and getListings, with a later updatedAt', async () => {
    const account = await connectShop(sandbox);
    const [ref] = await listings(account, 1);
    if (ref === undefined) throw new Error('no listing');
    const before = await adapter.getListing(account, ref);
    expect(before?.updatedAt).toEqual(expect.any(Number));

    skewMs += 2_000;
    const title = 'Mật ong rừng U Minh Hạ (sửa tay)';
    sandbox.editInSellerCentre(account.shopId, ref.externalItemId, { stock: 3, priceVnd: 190_000, title });

    const edited = { stock: 3, priceVnd: 190_000, title, status: 'live' };
    const single = await adapter.getListing(account, ref);
    const [batch] = await adapter.getListings(account, [ref]);
    expect(single).toMatchObject(edited);
    expect(batch).toMatchObject({ ...edited, ref });
    expect(batch?.updatedAt).toBeGreaterThan(before?.updatedAt ?? Number.POSITIVE_INFINITY);
  });

  it('refuses to lower campaign-locked stock with StockLockedByCampaignError, and lowers it once unlocked', async () => {
    const account = await connectShop(sandbox);
    const [ref] = await listings(account, 1);
    if (ref === undefined) throw new Error('no listing');
    sandbox.lockCampaignStock(account.shopId, ref.externalItemId);

    const refusal = await adapter.setStock(account, ref, 5).catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(StockLockedByCampaignError);
    expect(refusal).toBeInstanceOf(NeedsHumanError);
    expect(refusal).toMatchObject({ channel, ref, resolution: 'leave-campaign' });
    expect((refusal as StockLockedByCampaignError).marketplaceMessage).not.toBe('');
    expect(sandbox.listItems(account.shopId)[0]).toMatchObject({ stock: 25 });

    await adapter.setStock(account, ref, 30);
    expect(sandbox.listItems(account.shopId)[0]).toMatchObject({ stock: 30 });

    sandbox.unlockCampaignStock(account.shopId, ref.externalItemId);
    await adapter.setStock(account, ref, 5);
    expect(sandbox.listItems(account.shopId)[0]).toMatchObject({ stock: 5 });
  });

  it('reports banned and deleted listings with that status, and leaves out what the marketplace does not hold', async () => {
    const account = await connectShop(sandbox);
    const [banned, deleted, live] = await listings(account, 3);
    if (banned === undefined || deleted === undefined || live === undefined) throw new Error('no listings');
    sandbox.banItem(account.shopId, banned.externalItemId, 'Thiếu giấy chứng nhận an toàn thực phẩm');
    await adapter.remove(account, deleted);
    const unknown: ListingRef = { ...live, sellerSku: 'NO-SUCH-SKU', externalItemId: '999999999' };

    const held = await adapter.getListings(account, [banned, deleted, live, unknown]);

    expect(held.map((listing) => [listing.ref, listing.status])).toEqual([
      [banned, 'banned'],
      [deleted, 'deleted'],
      [live, 'live'],
    ]);
  });
});

describe('shopee read-back in pages', () => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 12, rateLimits: { perApp: false, perShop: false } });
    adapter = adapterFor(sandbox, { rateLimits: { perApp: unlimited, perShop: unlimited } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('reads more than 50 listings in calls of at most 50 item ids, each held listing once', async () => {
    const account = await connectShop(sandbox);
    const refs: ListingRef[] = [];
    for (let index = 0; index < 52; index += 1)
      refs.push(await adapter.upsertListing(account, freshDraft('shopee')));
    const first = refs[0];
    if (first === undefined) throw new Error('no listing');
    const asked = [...refs, { ...first }, { ...first, externalItemId: '999999999', sellerSku: 'GONE' }];
    const mark = sandbox.requestLog().length;

    const held = await adapter.getListings(account, asked);

    const reads = sandbox
      .requestLog()
      .slice(mark)
      .filter((entry) => entry.path === '/api/v2/product/get_item_base_info');
    expect(reads).toHaveLength(2);
    expect(held).toHaveLength(52);
    expect(new Set(held.map((listing) => listing.ref.externalItemId)).size).toBe(52);
    expect(held.map((listing) => listing.ref)).toEqual(refs);
  });
});
