import { afterEach, describe, expect, it } from 'vitest';
import { reconcileChannel } from '../src/reconciliation.js';
import { type ListedProduct, reconciliationWorld } from './reconciliation-fixture.js';

type World = Awaited<ReturnType<typeof reconciliationWorld>>;

describe('channel reconciliation', () => {
  let world: World | undefined;
  afterEach(async () => world?.close());

  it('reports a campaign-locked item once over three runs and does not push it again until the probe', async () => {
    // Prepare
    world = await reconciliationWorld('campaign', 11);
    const w = world;
    const [listed] = (await w.producerWithListings(1, 10)) as [ListedProduct];
    w.sandbox.lockCampaignStock(listed.account.shopId, listed.externalItemId);
    await w.sellAndSync(listed.productId, 4); // stock-sync's push is refused: Postmart keeps 10
    const writesBefore = w.writes().length;
    // Act
    const runs = [];
    for (let run = 0; run < 3; run += 1)
      runs.push(await reconcileChannel(w.deps(), { ...w.options, stockPushGraceMs: 0 }));
    const writesDuringRuns = w.writes().length - writesBefore;
    w.sandbox.unlockCampaignStock(listed.account.shopId, listed.externalItemId);
    const sixHoursOn = () => new Date(Date.now() + 6 * 3600_000 + 60_000);
    const probe = await reconcileChannel(w.deps(sixHoursOn), { ...w.options, stockPushGraceMs: 0 });
    const settled = await reconcileChannel(w.deps(sixHoursOn), { ...w.options, stockPushGraceMs: 0 });
    // Assess
    expect(runs.map((report) => [report.byClass['campaign-locked'], report.needsHuman])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(runs[0]?.humanItems).toMatchObject([
      { productId: listed.productId, driftClass: 'campaign-locked' },
    ]);
    expect(writesDuringRuns).toBe(1);
    expect(w.drifts()).toHaveLength(1);
    expect(w.drifts()[0]?.detail).toMatchObject({ driftClass: 'campaign-locked', action: 'needs-human' });
    expect([probe.corrected, settled.inSync, settled.needsHuman]).toEqual([1, 1, 0]);
    expect(w.marketplaceItem(listed)?.stock).toBe(6);
  });

  it('adopts a ban found on read-back and stops checking the listing', async () => {
    // Prepare
    world = await reconciliationWorld('ban', 13);
    const w = world;
    const [banned, other] = (await w.producerWithListings(2)) as [ListedProduct, ListedProduct];
    w.sandbox.banItem(banned.account.shopId, banned.externalItemId, 'Sản phẩm vi phạm chính sách');
    // Act
    const first = await reconcileChannel(w.deps(), w.options);
    const second = await reconcileChannel(w.deps(), w.options);
    // Assess
    expect(first).toMatchObject({ checked: 2, inSync: 1, corrected: 1, needsHuman: 1 });
    expect(first.byClass.banned).toBe(1);
    expect(await w.ledger.getListing(banned.productId, 'postmart')).toMatchObject({ status: 'banned' });
    expect(second).toMatchObject({ checked: 1, inSync: 1 });
    expect(w.drifts().map((entry) => entry.detail)).toMatchObject([
      { productId: banned.productId, driftClass: 'banned', action: 'ban-adopted' },
    ]);
    expect((await w.ledger.getListing(other.productId, 'postmart'))?.status).toBe('live');
  });

  it('runs twice at the same moment without pushing twice', async () => {
    // Prepare
    world = await reconciliationWorld('concurrent', 17);
    const w = world;
    const products = await w.producerWithListings(4);
    for (const listed of products)
      w.sandbox.editInSellerCentre(listed.account.shopId, listed.externalItemId, { stock: 1 });
    const writesBefore = w.writes().length;
    // Act
    const [one, two] = await Promise.all([
      reconcileChannel(w.deps(), w.options),
      reconcileChannel(w.deps(), w.options),
    ]);
    // Assess
    expect(one.corrected + two.corrected).toBe(4);
    expect(w.writes().length - writesBefore).toBe(4);
    expect(w.drifts()).toHaveLength(4);
  });

  it('moves a listing it cannot read to the back of the order, so it never holds up the rest', async () => {
    // Prepare
    world = await reconciliationWorld('pass-over', 19);
    const w = world;
    const [unreadable] = (await w.producerWithListings(1)) as [ListedProduct];
    const [readable] = (await w.producerWithListings(1)) as [ListedProduct];
    w.unlink(unreadable.producerId);
    const oneAtATime = { ...w.options, maxListingsPerRun: 1 };
    // Act
    const first = await reconcileChannel(w.deps(), oneAtATime);
    const second = await reconcileChannel(w.deps(), oneAtATime);
    // Assess
    expect(first.checked).toBe(0);
    expect(second).toMatchObject({ checked: 1, inSync: 1 });
    expect((await w.ledger.getListing(readable.productId, 'postmart'))?.readBack?.runId).toBe(second.runId);
  });

  it('lists a missing item again once, and the next run finds it in sync', async () => {
    // Prepare
    world = await reconciliationWorld('missing', 23);
    const w = world;
    const [gone] = (await w.producerWithListings(1)) as [ListedProduct];
    const sellerSku = w.marketplaceItem(gone)?.sellerSku ?? '';
    await w.adapter.remove(gone.account, {
      channel: 'postmart',
      shopId: gone.account.shopId,
      sellerSku,
      externalItemId: gone.externalItemId,
    });
    // Act
    const first = await reconcileChannel(w.deps(), w.options);
    const second = await reconcileChannel(w.deps(), w.options);
    const listing = await w.ledger.getListing(gone.productId, 'postmart');
    // Assess
    expect(first).toMatchObject({ checked: 1, corrected: 1, needsHuman: 0 });
    expect(first.byClass.missing).toBe(1);
    expect(listing?.synced?.externalItemId).not.toBe(gone.externalItemId);
    expect(second).toMatchObject({ checked: 1, inSync: 1 });
    expect(w.publisher.entries.map((entry) => entry.detailType)).toEqual(['ListingSynced']);
  });
});
