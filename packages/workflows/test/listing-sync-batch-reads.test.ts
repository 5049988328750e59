import { randomUUID } from 'node:crypto';
import { eventCatalogue, sources } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { createAwsClients, loadConfig } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handleListingBatch, type ListingSyncDeps } from '../src/listing-sync.js';
import { createChannelAdapter } from '../src/marketplace-wiring.js';
import { toEvent } from './support/catalogue-event.js';
import { memoryPublisher } from './support/memory-publisher.js';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function linkPostmart(ledger: Ledger, producerId: string, shopId: string) {
  await ledger.linkChannels(
    eventCatalogue.ProducerChannelsLinked.detail.parse({
      eventId: uid('evt'),
      occurredAt: '2026-11-01T08:00:00+07:00',
      version: 1,
      producer: {
        producerId,
        name: 'HTX Cói Nga Sơn',
        type: 'cooperative',
        area: { province: 'Thanh Hóa', district: 'Nga Sơn' },
      },
      channels: [
        { channel: 'postmart', status: 'linked', shopId, credentialsSecretName: `local/postmart/${shopId}` },
      ],
    }),
  );
}

async function certify(ledger: Ledger, producerId: string) {
  const result = await ledger.recordCertification(
    eventCatalogue.ProductCertified.detail.parse({
      eventId: uid('evt'),
      occurredAt: '2026-11-01T09:30:00+07:00',
      version: 1,
      product: {
        productId: uid('OCOP-TH'),
        name: 'Chiếu cói Nga Sơn',
        description: 'Chiếu cói dệt tay từ cói Nga Sơn, nhuộm màu tự nhiên.',
        group: 'textile-garment',
        producer: { producerId, name: 'HTX Cói Nga Sơn', type: 'cooperative' },
        area: { province: 'Thanh Hóa', district: 'Nga Sơn' },
        priceVnd: 250_000,
        weightGrams: 1500,
        packageSize: { lengthCm: 40, widthCm: 20, heightCm: 20 },
        images: ['https://vn-live-02.slatic.net/p/ocop-chieu-coi-1.jpg'],
      },
      certificate: {
        decisionNumber: '88/QĐ-UBND',
        issuedOn: '2026-03-15',
        stars: 3,
        issuer: 'UBND tỉnh Thanh Hóa',
      },
    }),
  );
  if (result.outcome !== 'applied') throw new Error(`fixture not certified: ${result.outcome}`);
  return result.product;
}

describe('listing sync reads a producer’s shop once per batch', () => {
  let table: TestLedgerTable;
  let postmart: Sandbox<'postmart'>;
  let ledger: Ledger;
  let wiring: ReturnType<typeof createChannelAdapter>;

  beforeAll(async () => {
    table = await createTestLedgerTable('listing-batch-reads');
    postmart = await startSandbox('postmart', { port: 0 });
    const config = loadConfig({
      LEDGER_TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: 'ocop-test',
      OCOP_MODE: 'local',
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
      POSTMART_BASE_URL: postmart.url,
      LOCAL_MARKETPLACE_APPS: JSON.stringify({
        postmart: { clientId: postmart.app.clientId, clientSecret: postmart.app.clientSecret },
      }),
    });
    const clients = createAwsClients(config);
    ledger = createLedger({ client: clients.dynamodb, tableName: table.tableName });
    wiring = createChannelAdapter(config, clients, 'postmart');
  });
  afterAll(async () => {
    await postmart.close();
    await table.drop();
  });

  it('lists two products of one producer with one shop lookup, and looks again in the next batch', async () => {
    // Prepare
    const producerId = uid('HTX');
    const shop = await postmart.createShop({ name: 'HTX Cói Nga Sơn' });
    await linkPostmart(ledger, producerId, shop.shopId);
    const products = [await certify(ledger, producerId), await certify(ledger, producerId)];
    const lookups: string[] = [];
    const deps: ListingSyncDeps = {
      ledger,
      adapter: wiring.adapter,
      accountFor: (id, channel) => {
        lookups.push(id);
        return wiring.accountFor(id, channel);
      },
      publisher: memoryPublisher(),
      now: () => new Date(),
    };
    const batch = (action: 'list' | 'pause') =>
      products.map((product) => ({
        messageId: uid('msg'),
        event: toEvent(
          sources.sync,
          'ListingRequested',
          eventCatalogue.ListingRequested.detail.parse({
            productId: product.productId,
            producerId,
            channel: 'postmart',
            productVersion: product.version,
            requestId: uid('req'),
            action,
            reason: action === 'list' ? 'certified' : 'out-of-season',
            requestedAt: '2026-11-03T10:00:00+07:00',
          }),
        ),
      }));
    // Act
    const listed = await handleListingBatch(deps, batch('list'), { concurrency: 10 });
    const paused = await handleListingBatch(deps, batch('pause'), { concurrency: 10 });
    // Assess
    expect([listed.failedMessageIds, paused.failedMessageIds]).toEqual([[], []]);
    expect(lookups).toEqual([producerId, producerId]);
    expect(postmart.listItems(shop.shopId)).toHaveLength(2);
    for (const product of products)
      expect((await ledger.getListing(product.productId, 'postmart'))?.synced?.status).toBe('paused');
  });
});
