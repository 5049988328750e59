import { randomUUID } from 'node:crypto';
import { type Channel, type EventDetail, eventCatalogue, sources } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import { RetryableError } from '@ocop-sync/marketplaces';
import { createAwsClients, loadConfig } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  CreationInProgressError,
  handleListingBatch,
  handleListingRequest,
  type ListingSyncDeps,
} from '../src/listing-sync.js';
import { createChannelAdapter } from '../src/marketplace-wiring.js';
import { toEvent } from './support/catalogue-event.js';
import { memoryPublisher } from './support/memory-publisher.js';

const fastRetry = { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, budgetMs: 10_000 };
const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const NAME_NFD = 'Mật ong rừng U Minh Hạ'.normalize('NFD');

function configFor(table: TestLedgerTable, postmart: Sandbox<'postmart'>) {
  return loadConfig({
    LEDGER_TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'ocop-test',
    OCOP_MODE: 'local',
    DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    POSTMART_BASE_URL: postmart.url,
    LOCAL_MARKETPLACE_APPS: JSON.stringify({
      postmart: { clientId: postmart.app.clientId, clientSecret: postmart.app.clientSecret },
    }),
  });
}

async function certifiedProduct(ledger: Ledger, producerId: string, overrides: Record<string, unknown> = {}) {
  const productId = uid('OCOP-CM');
  const detail = eventCatalogue.ProductCertified.detail.parse({
    eventId: uid('evt'),
    occurredAt: '2026-11-01T09:30:00+07:00',
    version: 1,
    product: {
      productId,
      name: NAME_NFD,
      description: 'Mật ong nguyên chất khai thác từ rừng tràm U Minh Hạ, thu hoạch theo mùa.',
      group: 'food',
      producer: { producerId, name: 'HTX Ong mật U Minh Hạ', type: 'cooperative' },
      area: { province: 'Cà Mau', district: 'U Minh' },
      priceVnd: 185_000,
      weightGrams: 700,
      packageSize: { lengthCm: 10, widthCm: 10, heightCm: 18 },
      images: ['https://vn-live-02.slatic.net/p/ocop-mat-ong-1.jpg'],
      ...overrides,
    },
    certificate: {
      decisionNumber: '1234/QĐ-UBND',
      issuedOn: '2026-03-15',
      stars: 4,
      issuer: 'UBND tỉnh Cà Mau',
    },
  });
  const result = await ledger.recordCertification(detail);
  if (result.outcome !== 'applied') throw new Error(`fixture not certified: ${result.outcome}`);
  await ledger.applyMovement({
    detailType: 'WarehouseStockSet',
    detail: eventCatalogue.WarehouseStockSet.detail.parse({
      movementId: uid('mv'),
      occurredAt: '2026-11-02T08:00:00+07:00',
      productId,
      warehouseId: 'W1',
      quantity: 12,
    }),
  });
  return result.product;
}

async function linkShop(ledger: Ledger, producerId: string, channel: Channel, shopId: string) {
  await ledger.linkChannels(
    eventCatalogue.ProducerChannelsLinked.detail.parse({
      eventId: uid('evt'),
      occurredAt: '2026-11-01T08:00:00+07:00',
      version: 1,
      producer: {
        producerId,
        name: 'HTX Ong mật U Minh Hạ',
        type: 'cooperative',
        area: { province: 'Cà Mau', district: 'U Minh' },
      },
      channels: [{ channel, status: 'linked', shopId, credentialsSecretName: `local/${channel}/${shopId}` }],
    }),
  );
}

const request = (
  product: { productId: string; producerId: string; version: number },
  action: EventDetail<'ListingRequested'>['action'],
): EventDetail<'ListingRequested'> =>
  eventCatalogue.ListingRequested.detail.parse({
    productId: product.productId,
    producerId: product.producerId,
    channel: 'postmart',
    productVersion: product.version,
    requestId: uid('req'),
    action,
    reason: action === 'delist' ? 'revoked' : 'certified',
    requestedAt: '2026-11-03T10:00:00+07:00',
  });

describe('listing sync against the Postmart sandbox and DynamoDB Local', () => {
  let table: TestLedgerTable;
  let postmart: Sandbox<'postmart'>;
  let ledger: Ledger;
  let deps: ListingSyncDeps & { publisher: ReturnType<typeof memoryPublisher> };
  let config: ReturnType<typeof configFor>;

  beforeAll(async () => {
    table = await createTestLedgerTable('listing-sync');
    postmart = await startSandbox('postmart', { port: 0 });
    config = configFor(table, postmart);
    const clients = createAwsClients(config);
    ledger = createLedger({ client: clients.dynamodb, tableName: table.tableName });
    const wiring = createChannelAdapter(config, clients, 'postmart', { retry: fastRetry });
    deps = { ledger, ...wiring, publisher: memoryPublisher(), now: () => new Date() };
  });
  afterAll(async () => {
    await postmart.close();
    await table.drop();
  });

  /** A producer with a linked Postmart shop, and one certified product of theirs with 12 units. */
  async function stockedProducer(overrides: Record<string, unknown> = {}) {
    const producerId = uid('HTX');
    const shop = await postmart.createShop({ name: 'HTX Ong mật U Minh Hạ' });
    await linkShop(ledger, producerId, 'postmart', shop.shopId);
    return { shopId: shop.shopId, product: await certifiedProduct(ledger, producerId, overrides) };
  }

  it('lists a product live with its NFC Vietnamese title, then publishes ListingSynced', async () => {
    const { shopId, product } = await stockedProducer();
    await expect(handleListingRequest(deps, request(product, 'list'))).resolves.toBe('synced');
    const [item, ...others] = postmart.listItems(shopId);
    expect(others).toHaveLength(0);
    expect(item).toMatchObject({
      title: NAME_NFD.normalize('NFC'),
      status: 'live',
      stock: 12,
      price: 185_000,
    });
    const synced = deps.publisher.entries.find(
      (entry) => entry.detailType === 'ListingSynced' && entry.detail.productId === product.productId,
    );
    expect(synced?.detail).toMatchObject({ status: 'live', externalItemId: item?.externalItemId });
    await expect(ledger.getListing(product.productId, 'postmart')).resolves.toMatchObject({ status: 'live' });
  });

  it('skips the same request the second time and keeps one item', async () => {
    const { shopId, product } = await stockedProducer();
    const once = request(product, 'list');
    await expect(handleListingRequest(deps, once)).resolves.toBe('synced');
    await expect(handleListingRequest(deps, once)).resolves.toBe('skipped');
    expect(postmart.listItems(shopId)).toHaveLength(1);
  });

  it('creates one item when two copies of the same request are handled at the same moment', async () => {
    const { shopId, product } = await stockedProducer();
    const copy = request(product, 'list');
    const outcomes = await Promise.allSettled([
      handleListingRequest(deps, copy),
      handleListingRequest(deps, { ...copy, requestId: uid('req') }),
    ]);
    // The loser either saw the winner's record or found the creation lease taken (and is retried by the queue).
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(CreationInProgressError);
      else expect(['synced', 'skipped']).toContain(outcome.value);
    }
    await expect(handleListingRequest(deps, copy)).resolves.toBe('skipped');
    expect(postmart.listItems(shopId)).toHaveLength(1);
  });

  it('publishes ListingFailed with the field and a Vietnamese reason for a product without weight', async () => {
    const { shopId, product } = await stockedProducer({ weightGrams: undefined });
    await expect(handleListingRequest(deps, request(product, 'list'))).resolves.toBe('failed');
    const failed = deps.publisher.entries.find(
      (entry) => entry.detailType === 'ListingFailed' && entry.detail.productId === product.productId,
    );
    expect(failed?.detail).toMatchObject({ failure: { kind: 'permanent', field: 'weightGrams' } });
    expect(JSON.stringify(failed?.detail)).toMatch(/khối lượng|cân nặng|trọng lượng/i);
    expect(postmart.listItems(shopId)).toHaveLength(0);
    await expect(ledger.getListing(product.productId, 'postmart')).resolves.toMatchObject({
      status: 'failed',
    });
  });

  it('completes through marketplace throttling', async () => {
    const { shopId, product } = await stockedProducer();
    const throttled = () => postmart.requestLog().filter((entry) => entry.fault === 'throttle').length;
    const before = throttled();
    postmart.faults.set({ throttleNext: 2 });
    await expect(handleListingRequest(deps, request(product, 'list'))).resolves.toBe('synced');
    expect(throttled() - before).toBe(2);
    expect(postmart.listItems(shopId)).toHaveLength(1);
  });

  it('delists a live item and publishes ListingSynced delisted', async () => {
    const { shopId, product } = await stockedProducer();
    await handleListingRequest(deps, request(product, 'list'));
    await expect(handleListingRequest(deps, request(product, 'delist'))).resolves.toBe('synced');
    expect(postmart.listItems(shopId)[0]?.status).toBe('unlisted');
    await expect(ledger.getListing(product.productId, 'postmart')).resolves.toMatchObject({
      status: 'delisted',
    });
  });

  it('throws for the queue to retry when throttling outlasts the retry budget', async () => {
    const { product } = await stockedProducer();
    postmart.faults.set({ throttleNext: 100 });
    await expect(handleListingRequest(deps, request(product, 'list'))).rejects.toThrow(RetryableError);
    postmart.faults.clear();
    const outcomes = deps.publisher.entries.filter(
      (entry) => 'productId' in entry.detail && entry.detail.productId === product.productId,
    );
    expect(outcomes).toHaveLength(0);
  });

  it('asks the producer to reconnect when the marketplace revoked the shop grant', async () => {
    const { shopId, product } = await stockedProducer();
    postmart.expireAccessToken(shopId);
    await expect(handleListingRequest(deps, request(product, 'list'))).resolves.toBe('failed');
    const failed = deps.publisher.entries.find(
      (entry) => entry.detailType === 'ListingFailed' && entry.detail.productId === product.productId,
    );
    expect(failed?.detail).toMatchObject({ failure: { kind: 'needs-human', code: 'reauthorize-shop' } });
  });

  it('asks a human when the producer has no linked shop on the channel', async () => {
    const product = await certifiedProduct(ledger, uid('HTX'));
    await expect(handleListingRequest(deps, request(product, 'list'))).resolves.toBe('failed');
    const failed = deps.publisher.entries.find(
      (entry) => entry.detailType === 'ListingFailed' && entry.detail.productId === product.productId,
    );
    expect(failed?.detail).toMatchObject({ failure: { kind: 'needs-human', code: 'shop-not-linked' } });
  });
});

describe('listing sync of a whole batch (products at once, against the Postmart sandbox)', () => {
  let table: TestLedgerTable;
  let postmart: Sandbox<'postmart'>;
  let ledger: Ledger;
  let config: ReturnType<typeof configFor>;
  let clients: ReturnType<typeof createAwsClients>;

  beforeAll(async () => {
    table = await createTestLedgerTable('listing-batch');
    postmart = await startSandbox('postmart', { port: 0 });
    config = configFor(table, postmart);
    clients = createAwsClients(config);
    ledger = createLedger({ client: clients.dynamodb, tableName: table.tableName });
  });
  afterAll(async () => {
    await postmart.close();
    await table.drop();
  });

  const depsWith = (adapterOptions: Parameters<typeof createChannelAdapter>[3]) => ({
    ledger,
    ...createChannelAdapter(config, clients, 'postmart', adapterOptions),
    publisher: memoryPublisher(),
    now: () => new Date(),
  });
  const received = (detail: EventDetail<'ListingRequested'>) => ({
    messageId: uid('msg'),
    event: toEvent(sources.sync, 'ListingRequested', detail),
  });
  async function stockedProducts(count: number) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const producerId = uid('HTX');
        const shop = await postmart.createShop({ name: 'HTX Ong mật U Minh Hạ' });
        await linkShop(ledger, producerId, 'postmart', shop.shopId);
        return { shopId: shop.shopId, product: await certifiedProduct(ledger, producerId) };
      }),
    );
  }

  it('lists every product of a batch once; a copy of a request in the same batch is skipped', async () => {
    const deps = depsWith({ retry: fastRetry });
    const stocked = await stockedProducts(4);
    const records = stocked.map(({ product }) => received(request(product, 'list')));
    const first = records[0];
    if (first === undefined) throw new Error('no record');
    const copy = { ...first, messageId: uid('msg') };
    const outcomes: string[] = [];
    const result = await handleListingBatch(deps, [...records, copy], {
      concurrency: 10,
      onSettled: (_request, outcome) => outcomes.push(typeof outcome === 'string' ? outcome : 'error'),
    });
    expect(result.failedMessageIds).toEqual([]);
    expect(outcomes.sort()).toEqual(['skipped', 'synced', 'synced', 'synced', 'synced']);
    for (const { shopId } of stocked) expect(postmart.listItems(shopId)).toHaveLength(1);
  });

  it('reports the records still held by the marketplace at its deadline as failed, then they go through', async () => {
    // Held 1.5 s, cut by the client at 1 s, one attempt: no record can settle before the deadline passes.
    const deps = depsWith({ retry: { ...fastRetry, maxAttempts: 1 }, timeoutMs: 1_000 });
    const stocked = await stockedProducts(3);
    const records = stocked.map(({ product }) => received(request(product, 'list')));
    postmart.faults.set({ timeoutRate: 1, hangMs: 1_500 });
    const settled: unknown[] = [];
    const onSettled = (_request: unknown, outcome: unknown) => settled.push(outcome);
    const held = await handleListingBatch(deps, records, {
      concurrency: 10,
      deadline: Date.now() + 50,
      onSettled,
    });
    expect(held.failedMessageIds.sort()).toEqual(records.map((record) => record.messageId).sort());
    // The held attempts end in the background as retryable errors (not raw aborts), releasing their leases.
    await vi.waitFor(() => expect(settled).toHaveLength(records.length), { timeout: 15_000, interval: 50 });
    for (const outcome of settled) expect(outcome).toMatchObject({ error: expect.any(RetryableError) });
    postmart.faults.clear();
    const retried = await handleListingBatch(deps, records, { concurrency: 10 });
    expect(retried.failedMessageIds).toEqual([]);
    for (const { shopId } of stocked) expect(postmart.listItems(shopId)).toHaveLength(1);
  });
});
