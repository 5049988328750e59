import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { reconcileChannel } from '../src/reconciliation.js';
import { type ListedProduct, reconciliationWorld } from './reconciliation-fixture.js';

type World = Awaited<ReturnType<typeof reconciliationWorld>>;

describe('a reconciliation cycle', () => {
  let world: World | undefined;
  afterEach(async () => world?.close());

  async function ledgerStock(w: World, listed: ListedProduct) {
    return (await w.ledger.availableToSell(listed.productId, 'postmart'))?.available;
  }
  async function outOfSync(w: World, products: readonly ListedProduct[], price: number | undefined) {
    const drifted: string[] = [];
    for (const listed of products) {
      const item = w.marketplaceItem(listed);
      if (item?.stock !== (await ledgerStock(w, listed)) || item?.price !== price)
        drifted.push(listed.productId);
    }
    return drifted;
  }

  it('detects every ignored write and hand edit in one run and is back in sync after the next', async () => {
    // Prepare
    world = await reconciliationWorld('reconcile', 7);
    const w = world;
    const products = (
      await Promise.all([2, 2, 2, 2, 2, 2, 2, 2].map((count) => w.producerWithListings(count)))
    ).flat();
    const price = w.marketplaceItem(products[0] as ListedProduct)?.price;
    w.sandbox.faults.set({ ignoreWriteRate: 0.1 });
    await Promise.all(products.map((listed) => w.sellAndSync(listed.productId, 3)));
    w.sandbox.faults.clear();
    const ignored = w.sandbox.requestLog().filter((entry) => entry.fault === 'ignored').length;
    const notApplied = await outOfSync(w, products, price);
    // Hand edits on listings whose last write did take, so each drifted listing has one cause.
    const [stockEdit, priceEdit, titleEdit] = products.filter(
      (listed) => !notApplied.includes(listed.productId),
    ) as [ListedProduct, ListedProduct, ListedProduct];
    await sleep(5); // a hand edit comes after our last write, as it does in a seller centre
    w.sandbox.editInSellerCentre(stockEdit.account.shopId, stockEdit.externalItemId, { stock: 99 });
    w.sandbox.editInSellerCentre(priceEdit.account.shopId, priceEdit.externalItemId, { priceVnd: 150_000 });
    w.sandbox.editInSellerCentre(titleEdit.account.shopId, titleEdit.externalItemId, {
      title: 'Mật ong rừng',
    });
    const driftedBefore = await outOfSync(w, products, price);
    // Act
    const first = await reconcileChannel(w.deps(), w.options);
    const driftedBetween = await outOfSync(w, products, price);
    const writesAfterFirst = w.writes().length;
    const second = await reconcileChannel(w.deps(), w.options);
    const third = await reconcileChannel(w.deps(), w.options);
    // Assess
    expect(price).toBeGreaterThan(150_000);
    expect(ignored).toBeGreaterThan(0);
    expect(notApplied).toHaveLength(ignored);
    expect(driftedBefore.length).toBe(ignored + 2); // the title edit leaves stock and price alone
    expect(first).toMatchObject({
      checked: 16,
      inSync: 16 - ignored - 3,
      corrected: ignored + 3,
      needsHuman: 0,
    });
    expect(first.byClass).toMatchObject({ 'not-applied': ignored, 'changed-by-hand': 3 });
    expect(driftedBetween).toEqual([]);
    expect(second).toMatchObject({ checked: 16, inSync: 16, corrected: 0 });
    expect(third).toMatchObject({ checked: 16, inSync: 16, corrected: 0 });
    expect(w.writes()).toHaveLength(writesAfterFirst);
    expect(w.marketplaceItem(titleEdit)?.title).not.toBe('Mật ong rừng');
    expect(w.drifts().map((entry) => entry.detail)).toHaveLength(3);
    expect(
      w
        .drifts()
        .every((entry) => 'driftClass' in entry.detail && entry.detail.driftClass === 'changed-by-hand'),
    ).toBe(true);
    expect((await w.ledger.latestReconciliationReports()).map((report) => report.runId)).toEqual([
      third.runId,
    ]);
  });
});
