import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CatalogueEvent, type Channel, parseEvent } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCertificationEvent } from '../src/certification.js';
import { RetryableCertificationError } from '../src/certification-errors.js';

type SampleEntry = { source: string; 'detail-type': string; detail: Record<string, unknown> };

const samples = (file: string): SampleEntry[] =>
  JSON.parse(readFileSync(new URL(`../../../events/samples/registry/${file}`, import.meta.url), 'utf8'));

/** A sample for this test only: its ids get a unique suffix, so tests sharing the table never share data. */
function sample(file: string, id: string, suffix: string, overrides: Record<string, unknown> = {}) {
  const found = samples(file).find((entry) => JSON.stringify(entry.detail).includes(`"${id}"`));
  if (!found) throw new Error(`no sample for ${id} in ${file}`);
  const scoped = JSON.stringify(found).replace(
    /"(productId|producerId|eventId|shopId)":"([^"]+)"/g,
    (_, key: string, value: string) => `"${key}":"${value}-${suffix}"`,
  );
  const entry: SampleEntry = JSON.parse(scoped);
  return toEvent(entry.source, entry['detail-type'], { ...entry.detail, ...overrides });
}

function toEvent(source: string, detailType: string, detail: Record<string, unknown>): CatalogueEvent {
  const envelope = { version: '0', id: randomUUID(), account: '000000000000', time: '2024-11-20T03:00:00Z' };
  const entry = { source, 'detail-type': detailType, detail };
  const parsed = parseEvent({ ...envelope, region: 'ap-southeast-1', resources: [], ...entry });
  if (!parsed.ok) throw new Error(`bad sample: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

function workflow(ledger: Ledger, at: string) {
  const entries: PublishEntry[] = [];
  const publisher: EventPublisher = { publish: async (batch) => void entries.push(...batch) };
  const clock = { now: new Date(at) };
  const deps = { ledger, publisher, now: () => clock.now };
  const requests = () =>
    entries.flatMap((entry) => (entry.detailType === 'ListingRequested' ? [entry.detail] : []));
  const plan = () => requests().map(({ channel, action, reason }) => ({ channel, action, reason }));
  const handle = (event: CatalogueEvent) => handleCertificationEvent(deps, event);
  return { clock, entries, requests, plan, handle };
}

const november = '2024-11-20T10:00:00+07:00';

describe('certification workflow', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-certification');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
  });
  afterAll(async () => table.drop());

  const suffix = () => randomUUID().slice(0, 8);

  /** As listing-sync records it: the marketplace accepted version 1 and the item is live. */
  async function syncLive(productId: string, producerId: string, ...channels: Channel[]) {
    for (const channel of channels) {
      const externalItemId = `${channel}-${productId}`;
      const syncedAt = '2024-11-21T09:00:00+07:00';
      const ids = { productId, producerId, channel, productVersion: 1 };
      await ledger.recordListingSynced({ ...ids, externalItemId, status: 'live', syncedAt });
    }
  }

  it('requests a listing on each linked channel of a certified product', async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'HTX-BT-MATONG', s));
    // Act
    const outcome = await run.handle(sample('council-decisions.json', 'TH-2024-0001', s));
    // Assess
    expect(outcome).toEqual({ outcome: 'applied', requested: 3 });
    expect(run.requests().map(({ requestId, action, reason }) => ({ requestId, action, reason }))).toEqual(
      ['lazada', 'postmart', 'shopee'].map((channel) => ({
        requestId: `TH-2024-0001-${s}.${channel}.v1.list`,
        action: 'list',
        reason: 'certified',
      })),
    );
    const listing = await ledger.getListing(`TH-2024-0001-${s}`, 'shopee');
    expect(listing).toMatchObject({ status: 'pending', desired: { state: 'listed', productVersion: 1 } });
  });

  it('requests nothing for a community-tourism product, even on a linked channel', async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'THT-PL-DULICH', s));
    // Act
    const outcome = await run.handle(sample('council-decisions.json', 'TH-2024-0008', s));
    // Assess
    expect(outcome).toEqual({ outcome: 'applied', requested: 0 });
    expect(run.entries).toEqual([]);
  });

  it("re-plans every product of a producer when the producer's shops are linked", async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('council-decisions.json', 'TH-2024-0001', s));
    await run.handle(sample('council-decisions.json', 'TH-2024-0002', s));
    // Act
    const outcome = await run.handle(sample('producer-channels-linked.json', 'HTX-BT-MATONG', s));
    // Assess
    expect(outcome).toEqual({ outcome: 'applied', requested: 6 });
    expect(new Set(run.requests().map((request) => request.reason))).toEqual(new Set(['channel-linked']));
  });

  it('publishes the same requests again for a duplicate delivery and leaves the ledger unchanged', async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'DN-TH-NEMCHUA', s));
    const certified = sample('council-decisions.json', 'TH-2024-0003', s);
    await run.handle(certified);
    const first = run.requests().map((request) => request.requestId);
    const before = await ledger.getProduct(`TH-2024-0003-${s}`);
    // Act
    const again = await run.handle(certified);
    // Assess
    expect(again).toEqual({ outcome: 'duplicate', requested: 2 });
    expect(run.requests().map((request) => request.requestId)).toEqual([...first, ...first]);
    expect(await ledger.getProduct(`TH-2024-0003-${s}`)).toEqual(before);
  });

  it('ignores an older version arriving after a newer one, ending in the newest state', async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('council-decisions.json', 'NA-2024-0101', s));
    await run.handle(sample('product-details-updated.json', 'NA-2024-0101', s));
    // Act: the version 1 certification again, under a new event id (a registry re-send)
    const older = await run.handle(
      sample('council-decisions.json', 'NA-2024-0101', s, { eventId: `again-${s}` }),
    );
    // Assess
    expect(older.outcome).toBe('stale');
    const product = await ledger.getProduct(`NA-2024-0101-${s}`);
    expect(product).toMatchObject({ version: 2, detailsVersion: 2, details: { priceVnd: 130_000 } });
  });

  it('retries a renewal that arrives before its certification', async () => {
    // Prepare
    const run = workflow(ledger, november);
    const renewal = sample('certification-renewed.json', 'TH-2024-0003', suffix());
    // Act
    const handled = run.handle(renewal);
    // Assess
    await expect(handled).rejects.toBeInstanceOf(RetryableCertificationError);
    expect(run.entries).toEqual([]);
  });

  it('delists a revoked product from every channel it is listed on', async () => {
    // Prepare
    const s = suffix();
    const [productId, producerId] = [`TH-2024-0004-${s}`, `DN-TH-NEMCHUA-${s}`];
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'DN-TH-NEMCHUA', s));
    await run.handle(sample('council-decisions.json', 'TH-2024-0004', s));
    await syncLive(productId, producerId, 'postmart', 'shopee');
    run.entries.length = 0;
    // Act
    await run.handle(sample('certification-revoked.json', 'TH-2024-0004', s));
    // Assess
    expect(run.plan()).toEqual([
      { channel: 'postmart', action: 'delist', reason: 'revoked' },
      { channel: 'shopee', action: 'delist', reason: 'revoked' },
    ]);
  });

  it('pauses a seasonal product on its live channels once it is out of season', async () => {
    // Prepare: Nghĩa Đàn oranges sell from October to February
    const s = suffix();
    const [productId, producerId] = [`NA-2024-0107-${s}`, `HTX-ND-CAM-${s}`];
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'HTX-ND-CAM', s));
    const certified = sample('council-decisions.json', 'NA-2024-0107', s);
    await run.handle(certified);
    await syncLive(productId, producerId, 'postmart', 'shopee');
    run.entries.length = 0;
    run.clock.now = new Date('2025-06-10T10:00:00+07:00');
    if (certified['detail-type'] !== 'ProductCertified') throw new Error('expected a certification');
    const update = toEvent('ocop.registry', 'ProductDetailsUpdated', {
      ...{ eventId: `details-v2-${s}`, occurredAt: '2025-06-10T09:00:00+07:00', version: 2 },
      product: { ...certified.detail.product, priceVnd: 90_000 },
    });
    // Act
    await run.handle(update);
    // Assess
    expect(run.plan()).toEqual([
      { channel: 'postmart', action: 'pause', reason: 'out-of-season' },
      { channel: 'shopee', action: 'pause', reason: 'out-of-season' },
    ]);
  });

  it('records a marketplace ban and leaves the banned listing alone when re-planning', async () => {
    // Prepare
    const s = suffix();
    const [productId, producerId] = [`TH-2024-0005-${s}`, `HTX-NS-COI-${s}`];
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'HTX-NS-COI', s));
    await run.handle(sample('council-decisions.json', 'TH-2024-0005', s));
    await syncLive(productId, producerId, 'shopee', 'lazada');
    run.entries.length = 0;
    const ban = toEvent('marketplace.shopee', 'MarketplaceItemBanned', {
      ...{ channel: 'shopee', shopId: `shopee-htx-ns-coi-${s}`, externalItemId: `shopee-${productId}` },
      ...{ reason: 'Hình ảnh vi phạm chính sách đăng bán.', bannedAt: '2024-11-22T08:00:00+07:00' },
    });
    // Act
    const banned = await run.handle(ban);
    await run.handle(sample('certification-revoked.json', 'TH-2024-0004', s, { productId }));
    // Assess
    expect(banned).toEqual({ outcome: 'applied', requested: 0 });
    expect(await ledger.getListing(productId, 'shopee')).toMatchObject({ status: 'banned' });
    expect(run.requests()).toMatchObject([{ channel: 'lazada', action: 'delist' }]);
  });

  it('delists a product whose certificate the sweep found expired', async () => {
    // Prepare
    const s = suffix();
    const run = workflow(ledger, november);
    await run.handle(sample('producer-channels-linked.json', 'HKD-NL-RUOU', s));
    await run.handle(sample('council-decisions.json', 'TH-2024-0007', s));
    run.entries.length = 0;
    run.clock.now = new Date('2027-11-15T06:00:00+07:00');
    const expired = toEvent('ocop.sync', 'CertificationExpired', {
      ...{ productId: `TH-2024-0007-${s}`, producerId: `HKD-NL-RUOU-${s}` },
      ...{ decisionNumber: '1234/QĐ-UBND', expiredOn: '2027-11-14' },
    });
    // Act
    const outcome = await run.handle(expired);
    // Assess
    expect(outcome).toEqual({ outcome: 'applied', requested: 1 });
    expect(run.requests()).toMatchObject([{ channel: 'postmart', action: 'delist', reason: 'expired' }]);
    expect(await ledger.getProduct(`TH-2024-0007-${s}`)).toMatchObject({ status: 'expired' });
  });
});
