import { randomUUID } from 'node:crypto';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { InMemoryTokenStore, PostmartAdapter, type ShopAccount } from '@ocop-sync/marketplaces';
import type { PublishEntry, ReceivedEvent } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import decisions from '../../../events/samples/registry/council-decisions.json' with { type: 'json' };
import links from '../../../events/samples/registry/producer-channels-linked.json' with { type: 'json' };
import movements from '../../../events/samples/showroom/movements.json' with { type: 'json' };
import type { ReconciliationDeps } from '../src/reconciliation.js';
import { handleStockEvent } from '../src/stock-ledger.js';
import { syncStock } from '../src/stock-sync.js';
import { toEvent, uid } from './support/catalogue-event.js';
import { memoryPublisher } from './support/memory-publisher.js';
import { listOnPostmart } from './support/postmart-listing.js';

const [certifiedSample] = decisions;
const [linkSample] = links;
const sample = (type: string) => movements.find((movement) => movement['detail-type'] === type)?.detail;

export interface ListedProduct {
  productId: string;
  producerId: string;
  account: ShopAccount;
  externalItemId: string;
}

/**
 * The reconciliation tests' world: its own ledger table on DynamoDB Local (so each test sees only its
 * listings in the channel's read-back order), a Postmart sandbox over HTTP (whose `updated_at` has
 * milliseconds), real stock-ledger and stock-sync runs, and a publisher that checks every event.
 */
export async function reconciliationWorld(name: string, seed: number) {
  const table: TestLedgerTable = await createTestLedgerTable(`wf-${name}`);
  const ledger: Ledger = createLedger({ client: table.client, tableName: table.tableName });
  // Rate limits well above the test's pace: pacing is not what these tests are about.
  const fast = { perApp: { ratePerSecond: 500, burst: 500 }, perShop: { ratePerSecond: 200, burst: 200 } };
  const sandbox: Sandbox<'postmart'> = await startSandbox('postmart', { port: 0, seed, rateLimits: fast });
  const { clientId, clientSecret } = sandbox.app;
  const retry = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20, budgetMs: 2_000 };
  const adapter = new PostmartAdapter({
    baseUrl: sandbox.url,
    clientId,
    clientSecret,
    retry,
    rateLimits: fast,
  });
  const accounts = new Map<string, ShopAccount>();
  const publisher = memoryPublisher();
  const accountFor = async (producerId: string) => accounts.get(producerId);

  const stockEvent = async (type: 'StockReceived' | 'StockSold', productId: string, quantity: number) => {
    const events = memoryPublisher();
    const detail = {
      ...sample(type),
      productId,
      movementId: uid(type === 'StockSold' ? 'sale' : 'rcv'),
      quantity,
    };
    await handleStockEvent({ ledger, publisher: events }, toEvent('ocop.showroom', type, detail));
    return events.entries;
  };

  /** A cooperative with a Postmart shop; `products` certified, stocked and listed live. */
  async function producerWithListings(products: number, stock = 20): Promise<ListedProduct[]> {
    const producerId = uid('HTX-BT');
    const shop = await sandbox.createShop({ name: 'HTX Mật ong Bá Thước' });
    const account: ShopAccount = {
      channel: 'postmart',
      shopId: shop.shopId,
      tokens: new InMemoryTokenStore(),
    };
    accounts.set(producerId, account);
    const link = toEvent('ocop.registry', 'ProducerChannelsLinked', {
      ...linkSample?.detail,
      eventId: uid('link'),
      producer: { ...linkSample?.detail.producer, producerId },
      channels: [
        { channel: 'postmart', status: 'linked', shopId: shop.shopId, credentialsSecretName: 'ocop/pm' },
      ],
    });
    if (link['detail-type'] === 'ProducerChannelsLinked') await ledger.linkChannels(link.detail);
    await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
    const listed: ListedProduct[] = [];
    for (let index = 0; index < products; index += 1) {
      const productId = uid('TH-2024');
      const producer = { ...certifiedSample?.detail.product.producer, producerId };
      const product = { ...certifiedSample?.detail.product, productId, producer, sku: `MO-${productId}` };
      const certify = toEvent('ocop.registry', 'ProductCertified', {
        ...certifiedSample?.detail,
        eventId: uid('cert'),
        product,
      });
      if (certify['detail-type'] === 'ProductCertified') await ledger.recordCertification(certify.detail);
      await stockEvent('StockReceived', productId, stock);
      listed.push({
        productId,
        producerId,
        account,
        externalItemId: await listOnPostmart(
          { ledger, adapter },
          { productId, producerId, account, syncedAt: new Date().toISOString() },
        ),
      });
    }
    return listed;
  }

  /** Sells `quantity` in the showroom and lets stock-sync push the new number to Postmart. */
  async function sellAndSync(productId: string, quantity: number) {
    const entries: PublishEntry[] = await stockEvent('StockSold', productId, quantity);
    const delivered: ReceivedEvent[] = entries
      .filter((entry) => entry.detailType === 'StockLevelChanged')
      .map((entry) => ({
        messageId: randomUUID(),
        event: toEvent('ocop.sync', entry.detailType, entry.detail),
      }));
    await syncStock({ ledger, adapter, channel: 'postmart', accountFor }, delivered);
  }

  const deps = (clock: () => Date = () => new Date()): ReconciliationDeps => ({
    ledger,
    adapter,
    accountFor,
    publisher,
    clock,
  });
  const options = { channel: 'postmart' as const, readsPerMinute: 60_000, maxListingsPerRun: 200 };
  const marketplaceItem = (listed: ListedProduct) =>
    sandbox.listItems(listed.account.shopId).find((item) => item.externalItemId === listed.externalItemId);
  const writes = () =>
    sandbox.requestLog().filter((entry) => entry.method !== 'GET' && entry.path.startsWith('/v1/'));
  const drifts = () => publisher.entries.filter((entry) => entry.detailType === 'ListingDriftDetected');

  return {
    ledger,
    adapter,
    sandbox,
    publisher,
    producerWithListings,
    /** The producer's shop is no longer linked: its listings cannot be read back. */
    unlink: (producerId: string) => accounts.delete(producerId),
    sellAndSync,
    deps,
    options,
    marketplaceItem,
    writes,
    drifts,
    async close() {
      await sandbox.close();
      await table.drop();
    },
  };
}
