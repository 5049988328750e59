import { randomUUID } from 'node:crypto';
import type { CatalogueEvent } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { InMemoryTokenStore, PostmartAdapter, type ShopAccount } from '@ocop-sync/marketplaces';
import type { EventPublisher, PublishEntry, ReceivedEvent } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import decisions from '../../../events/samples/registry/council-decisions.json' with { type: 'json' };
import links from '../../../events/samples/registry/producer-channels-linked.json' with { type: 'json' };
import movements from '../../../events/samples/showroom/movements.json' with { type: 'json' };
import { handleStockEvent } from '../src/stock-ledger.js';
import { syncStock } from '../src/stock-sync.js';
import { toEvent, uid } from './support/catalogue-event.js';
import { listOnPostmart } from './support/postmart-listing.js';

/** What the stock-ledger function would have put on the bus, as stock-sync's queue delivers it. */
const delivered = (entries: readonly PublishEntry[]): ReceivedEvent[] =>
  entries
    .filter((entry) => entry.detailType === 'StockLevelChanged')
    .map((entry) => ({
      messageId: randomUUID(),
      event: toEvent('ocop.sync', entry.detailType, entry.detail),
    }));

const [certifiedSample] = decisions;
const [linkSample] = links;
const saleSample = movements.find((movement) => movement['detail-type'] === 'StockSold')?.detail;
const receiptSample = movements.find((movement) => movement['detail-type'] === 'StockReceived')?.detail;

describe('stock sync to a marketplace', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  let sandbox: Sandbox<'postmart'>;
  let adapter: PostmartAdapter;
  const accounts = new Map<string, ShopAccount>();
  const published: PublishEntry[] = [];
  const publisher: EventPublisher = { publish: async (entries) => void published.push(...entries) };

  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-stock-sync');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
    sandbox = await startSandbox('postmart', { port: 0, seed: 11 });
    const { clientId, clientSecret } = sandbox.app;
    const retry = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, budgetMs: 2_000 };
    adapter = new PostmartAdapter({ baseUrl: sandbox.url, clientId, clientSecret, retry });
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(async () => {
    await sandbox.close();
    await table.drop();
  });

  const deps = () => ({
    ledger,
    adapter,
    channel: 'postmart' as const,
    accountFor: async (producerId: string) => accounts.get(producerId),
  });

  async function apply(event: CatalogueEvent) {
    const before = published.length;
    await handleStockEvent({ ledger, publisher }, event);
    return published.slice(before);
  }
  const receive = (productId: string, quantity: number) =>
    apply(
      toEvent('ocop.showroom', 'StockReceived', {
        ...receiptSample,
        productId,
        movementId: uid('rcv'),
        quantity,
      }),
    );
  const sell = (productId: string, quantity: number) =>
    apply(
      toEvent('ocop.showroom', 'StockSold', { ...saleSample, productId, movementId: uid('sale'), quantity }),
    );

  /** A certified product of a cooperative with a Postmart shop, stocked, and listed live on Postmart. */
  async function listedProduct(stock: number) {
    const { productId, producerId, account } = await stockedProduct(stock);
    const externalItemId = await listOnPostmart(
      { ledger, adapter },
      { productId, producerId, account, syncedAt: '2024-11-16T09:00:00+07:00' },
    );
    return { productId, producerId, account, externalItemId };
  }

  /** A certified product of a cooperative with a Postmart shop, stocked in a showroom that serves every channel. */
  async function stockedProduct(stock: number) {
    const productId = uid('TH-2024');
    const producerId = uid('HTX-BT');
    const shop = await sandbox.createShop({ name: 'HTX Mật ong Bá Thước' });
    const account: ShopAccount = {
      channel: 'postmart',
      shopId: shop.shopId,
      tokens: new InMemoryTokenStore(),
    };
    accounts.set(producerId, account);
    const producer = { ...certifiedSample?.detail.product.producer, producerId };
    const product = { ...certifiedSample?.detail.product, productId, producer };
    const certify = toEvent('ocop.registry', 'ProductCertified', {
      ...certifiedSample?.detail,
      eventId: uid('cert'),
      product,
    });
    const channels = [
      { channel: 'postmart', status: 'linked', shopId: shop.shopId, credentialsSecretName: 'ocop/pm' },
    ];
    const link = toEvent('ocop.registry', 'ProducerChannelsLinked', {
      ...linkSample?.detail,
      eventId: uid('link'),
      producer: { ...linkSample?.detail.producer, producerId },
      channels,
    });
    if (certify['detail-type'] === 'ProductCertified') await ledger.recordCertification(certify.detail);
    if (link['detail-type'] === 'ProducerChannelsLinked') await ledger.linkChannels(link.detail);
    await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
    await receive(productId, stock);
    return { productId, producerId, account };
  }

  const stockCalls = (shopId: string) =>
    sandbox.requestLog().filter((entry) => entry.path.startsWith('/v1/stock') && entry.shopId === shopId);
  const marketplaceStock = (shopId: string) => sandbox.listItems(shopId)[0]?.stock;

  it('pushes 100 sales of one product in one batch with exactly one marketplace call', async () => {
    // Prepare
    const { productId, account } = await listedProduct(150);
    const changes: PublishEntry[] = [];
    for (let sale = 0; sale < 100; sale += 1) changes.push(...(await sell(productId, 1)));
    const batch = delivered(changes);
    // Act
    const result = await syncStock(deps(), batch);
    // Assess
    expect(batch).toHaveLength(100);
    expect(result).toEqual({ failedMessageIds: [] });
    expect(stockCalls(account.shopId)).toHaveLength(1);
    expect(marketplaceStock(account.shopId)).toBe(50);
    expect(await ledger.availableToSell(productId, 'postmart')).toMatchObject({ available: 50 });
  });

  it('makes no call for an older batch after a newer push', async () => {
    // Prepare
    const { productId, account } = await listedProduct(20);
    const older = delivered(await sell(productId, 2));
    const newer = delivered(await sell(productId, 3));
    await syncStock(deps(), newer);
    const callsAfterNewer = stockCalls(account.shopId).length;
    // Act
    const result = await syncStock(deps(), older);
    // Assess
    expect(result).toEqual({ failedMessageIds: [] });
    expect(callsAfterNewer).toBe(1);
    expect(stockCalls(account.shopId)).toHaveLength(1);
    expect(marketplaceStock(account.shopId)).toBe(15);
  });

  it('makes no call when stock moved but the number the channel was last told still holds', async () => {
    // Prepare: one push of 19, then a unit received and sold again (two newer stock versions, still 19).
    const { productId, account } = await listedProduct(20);
    await syncStock(deps(), delivered(await sell(productId, 1)));
    const back = delivered([...(await receive(productId, 1)), ...(await sell(productId, 1))]);
    // Act
    const result = await syncStock(deps(), back);
    // Assess
    expect(result).toEqual({ failedMessageIds: [] });
    expect(back).toHaveLength(2);
    expect(stockCalls(account.shopId)).toHaveLength(1);
    expect(marketplaceStock(account.shopId)).toBe(19);
    // A real change is pushed again.
    await syncStock(deps(), delivered(await sell(productId, 4)));
    expect(stockCalls(account.shopId)).toHaveLength(2);
    expect(marketplaceStock(account.shopId)).toBe(15);
  });

  it('makes no call for a product that has no live listing on the channel', async () => {
    // Prepare
    const { productId, account } = await stockedProduct(10);
    const batch = delivered(await sell(productId, 1));
    // Act
    const result = await syncStock(deps(), batch);
    // Assess
    expect(result).toEqual({ failedMessageIds: [] });
    expect(stockCalls(account.shopId)).toHaveLength(0);
  });

  it('reads the shop alongside the listing for moved stock, and a shop lookup it did not need fails nothing', async () => {
    // Prepare: no live listing, and the shop lookup (started early for moved stock) fails.
    const { productId, account } = await stockedProduct(10);
    const batch = delivered(await sell(productId, 1));
    const lookedUp: string[] = [];
    const failingShopLookup = async (producerId: string): Promise<ShopAccount | undefined> => {
      lookedUp.push(producerId);
      throw new Error('secrets unavailable');
    };
    // Act
    const result = await syncStock({ ...deps(), accountFor: failingShopLookup }, batch);
    // Assess: the lookup was started, its failure did not matter (no push was due) and was never unhandled.
    expect(lookedUp).toHaveLength(1);
    expect(result).toEqual({ failedMessageIds: [] });
    expect(stockCalls(account.shopId)).toHaveLength(0);
  });

  it('pushes when a listing goes live on this channel after stock moved, not for other channels', async () => {
    // Prepare
    const { productId, producerId, account, externalItemId } = await listedProduct(10);
    await receive(productId, 4); // its StockLevelChanged is never delivered here
    const synced = { productId, producerId, productVersion: 1, externalItemId, status: 'live' };
    const live = (channel: string) => ({ ...synced, channel, syncedAt: '2024-11-16T09:00:00+07:00' });
    const batch = [live('shopee'), live('postmart')].map((detail) => ({
      messageId: randomUUID(),
      event: toEvent('ocop.sync', 'ListingSynced', detail),
    }));
    // Act
    const result = await syncStock(deps(), batch);
    // Assess
    expect(result).toEqual({ failedMessageIds: [] });
    expect(stockCalls(account.shopId)).toHaveLength(1);
    expect(marketplaceStock(account.shopId)).toBe(14);
  });

  it("fails the product's messages for retry when the marketplace is down", async () => {
    // Prepare
    const { productId, account } = await listedProduct(10);
    const batch = delivered([...(await sell(productId, 1)), ...(await sell(productId, 1))]);
    sandbox.faults.set({ errorRate: 1, errorStatus: 503, pathPrefix: '/v1/stock' });
    // Act
    const result = await syncStock(deps(), batch);
    // Assess
    expect(result.failedMessageIds.sort()).toEqual(batch.map((received) => received.messageId).sort());
    expect(marketplaceStock(account.shopId)).toBe(10);
    expect(await ledger.getListing(productId, 'postmart')).toMatchObject({ synced: { stockVersion: 1 } });
  });

  it("answers at its deadline with a held push's messages failed, and the retry pushes the ledger's number", async () => {
    // Prepare: the stock call is held (then cut) for longer than the deadline leaves.
    const { productId, account } = await listedProduct(10);
    const batch = delivered(await sell(productId, 3));
    sandbox.faults.set({ timeoutRate: 1, hangMs: 1_000, pathPrefix: '/v1/stock' });
    // Act
    const held = await syncStock({ ...deps(), deadline: Date.now() + 50 }, batch);
    sandbox.faults.clear();
    const retried = await syncStock(deps(), batch);
    // Assess
    expect(held.failedMessageIds).toEqual(batch.map((received) => received.messageId));
    expect(retried).toEqual({ failedMessageIds: [] });
    expect(marketplaceStock(account.shopId)).toBe(7);
  });
});
