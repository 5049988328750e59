import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type CatalogueEvent, type Channel, parseEvent } from '@ocop-sync/domain';
import { type DynamoDbLocal, localCredentials, startDynamoDbLocal } from '@ocop-sync/dynamodb-local';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { createLedgerTableInput } from '@ocop-sync/ledger/table-definition';
import { type MarketplaceAdapter, type ShopAccount, toListingDraft } from '@ocop-sync/marketplaces';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { handleStockEvent, type ReconciliationDeps } from '@ocop-sync/workflows';
import decisions from '../../events/samples/registry/council-decisions.json' with { type: 'json' };
import links from '../../events/samples/registry/producer-channels-linked.json' with { type: 'json' };
import movements from '../../events/samples/showroom/movements.json' with { type: 'json' };
// The marketplaces' contract harness builds each adapter against its sandbox (Shopee's images from a local host).
import { adapterFor, connectShop } from '../../packages/marketplaces/test/contract-harness.js';

const [certifiedSample] = decisions;
const [linkSample] = links;
const stockReceived = movements.find((movement) => movement['detail-type'] === 'StockReceived')?.detail;
const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function toEvent(source: string, detailType: string, detail: unknown): CatalogueEvent {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'ap-southeast-1',
    resources: [],
    detail,
  });
  if (!parsed.ok) throw new Error(`bad bench event ${detailType}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** Shops seeded at once; each shop's listings are created one after another (as listing-sync would). */
const SHOP_CONCURRENCY = 8;

/**
 * The reconciliation benchmark's world for one channel: DynamoDB Local with a fresh ledger table, the
 * channel's sandbox over HTTP with the documented rate limits (its defaults), the real adapter, and
 * `listings` products certified, stocked and listed live through the same ledger and adapter calls
 * listing-sync makes, spread `perShop` to a producer's shop.
 */
export async function reconciliationWorld(channel: Channel, options: { listings: number; perShop: number }) {
  const db: DynamoDbLocal = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'local',
    credentials: localCredentials,
  });
  const tableName = `bench-reconciliation-${randomUUID().slice(0, 8)}`;
  await client.send(new CreateTableCommand(createLedgerTableInput(tableName)));
  const ledger: Ledger = createLedger({ client, tableName });
  const sandbox: Sandbox = await startSandbox(channel, { port: 0, seed: 12 });
  const adapter: MarketplaceAdapter = adapterFor(sandbox, { timeoutMs: 15_000 });
  const accounts = new Map<string, ShopAccount>();
  const published: PublishEntry[] = [];
  const publisher: EventPublisher = { publish: async (batch) => void published.push(...batch) };

  async function producerWithShop(): Promise<{ producerId: string; account: ShopAccount }> {
    const producerId = uid('HTX-BENCH');
    const account = await connectShop(sandbox);
    accounts.set(producerId, account);
    const link = toEvent('ocop.registry', 'ProducerChannelsLinked', {
      ...linkSample?.detail,
      eventId: uid('link'),
      producer: { ...linkSample?.detail.producer, producerId },
      channels: [{ channel, status: 'linked', shopId: account.shopId, credentialsSecretName: 'ocop/bench' }],
    });
    if (link['detail-type'] === 'ProducerChannelsLinked') await ledger.linkChannels(link.detail);
    await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
    return { producerId, account };
  }

  /** Certifies, stocks and lists one product live, as the certification, stock-ledger and listing-sync steps do. */
  async function listedProduct(producerId: string, account: ShopAccount): Promise<void> {
    const productId = uid('TH-BENCH');
    const product = {
      ...certifiedSample?.detail.product,
      productId,
      producer: { ...certifiedSample?.detail.product.producer, producerId },
      sku: `MO-${productId}`,
    };
    const certify = toEvent('ocop.registry', 'ProductCertified', {
      ...certifiedSample?.detail,
      eventId: uid('cert'),
      product,
    });
    if (certify['detail-type'] === 'ProductCertified') await ledger.recordCertification(certify.detail);
    const receive = { ...stockReceived, productId, movementId: uid('rcv'), quantity: 40 };
    await handleStockEvent({ ledger, publisher }, toEvent('ocop.showroom', 'StockReceived', receive));
    const [stored, available] = await Promise.all([
      ledger.getProduct(productId),
      ledger.availableToSell(productId, channel),
    ]);
    if (stored === undefined || available === undefined) throw new Error('bench product missing');
    const draft = toListingDraft(channel, {
      product: stored.details,
      certificate: stored.certificate,
      stock: available.available,
    });
    if (!draft.ok) throw new Error(`bench product refused by the ${channel} mapping: ${draft.field}`);
    const ref = await adapter.upsertListing(account, draft.draft);
    const synced = {
      productId,
      producerId,
      channel,
      productVersion: stored.version,
      externalItemId: ref.externalItemId,
      status: 'live' as const,
      syncedAt: new Date().toISOString(),
    };
    await ledger.recordListingSynced(synced, { stockVersion: available.stockVersion });
  }

  /** Seeds every listing; returns when all are live in the ledger and on the sandbox. */
  async function seed(): Promise<void> {
    const shops = Math.ceil(options.listings / options.perShop);
    let nextShop = 0;
    const worker = async () => {
      while (nextShop < shops) {
        const shop = nextShop;
        nextShop += 1;
        const { producerId, account } = await producerWithShop();
        const count = Math.min(options.perShop, options.listings - shop * options.perShop);
        for (let index = 0; index < count; index += 1) await listedProduct(producerId, account);
      }
    };
    await Promise.all(Array.from({ length: SHOP_CONCURRENCY }, worker));
  }

  const deps = (): ReconciliationDeps => ({
    ledger,
    adapter,
    accountFor: async (producerId) => accounts.get(producerId),
    publisher,
    clock: () => new Date(),
  });

  return {
    sandbox,
    seed,
    deps,
    published,
    async close() {
      await sandbox.close();
      client.destroy();
      await db.stop();
    },
  };
}
