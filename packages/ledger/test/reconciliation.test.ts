import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { driftClasses } from '@ocop-sync/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_TTL_SECONDS, type ReconciliationReport } from '../src/index.js';
import { detail, type LedgerFixture, ledgerFixture, uid } from './fixtures.js';

type Channel = 'shopee' | 'lazada' | 'postmart';

describe('reconciliation ledger', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  async function liveListing(channel: Channel, syncedAt: string) {
    const ids = { productId: uid('prod'), producerId: uid('htx'), channel };
    const synced = detail('ListingSynced', {
      ...ids,
      productVersion: 1,
      externalItemId: uid('item'),
      status: 'live',
      syncedAt,
    });
    const result = await fixture.ledger.recordListingSynced(synced);
    if (result.outcome !== 'applied') throw new Error('fixture listing not recorded');
    return result.listing;
  }
  const check = (listing: { productId: string; channel: Channel; revision: number }, checkedAt: string) =>
    fixture.ledger.recordReadBack({ ...listing, readBack: { checkedAt, runId: uid('run') } });

  it('lists listings written since their last check first, then the least recently checked', async () => {
    // Prepare
    const checkedLate = await liveListing('lazada', '2025-01-01T08:00:00+07:00');
    const checkedEarly = await liveListing('lazada', '2025-01-01T08:00:00+07:00');
    const neverChecked = await liveListing('lazada', '2025-01-02T08:00:00+07:00');
    const writtenAfterCheck = await liveListing('lazada', '2025-01-01T08:00:00+07:00');
    await check(checkedLate, '2025-01-03T09:00:00+07:00');
    await check(checkedEarly, '2025-01-03T08:00:00+07:00');
    const checked = await check(writtenAfterCheck, '2025-01-03T08:30:00+07:00');
    if (checked.outcome !== 'applied') throw new Error('check not recorded');
    await fixture.ledger.recordListingSynced(
      detail('ListingSynced', {
        productId: writtenAfterCheck.productId,
        producerId: writtenAfterCheck.producerId,
        channel: 'lazada',
        productVersion: 1,
        externalItemId: 'LZ-9',
        status: 'live',
        syncedAt: '2025-01-03T10:00:00+07:00',
      }),
    );
    // Act
    const order = await fixture.ledger.listingsToCheck('lazada', 10);
    const firstTwo = await fixture.ledger.listingsToCheck('lazada', 2);
    // Assess
    expect(order.map((listing) => listing.productId)).toEqual([
      neverChecked.productId,
      writtenAfterCheck.productId,
      checkedEarly.productId,
      checkedLate.productId,
    ]);
    expect(firstTwo).toHaveLength(2);
  });

  it('records a check only at the revision it read, and keeps it through a later sync', async () => {
    // Prepare
    const listing = await liveListing('shopee', '2025-02-01T08:00:00+07:00');
    const first = await check(listing, '2025-02-01T09:00:00+07:00');
    // Act
    const stale = await check(listing, '2025-02-01T09:00:01+07:00');
    await fixture.ledger.recordListingSynced(
      detail('ListingSynced', {
        productId: listing.productId,
        producerId: listing.producerId,
        channel: 'shopee',
        productVersion: 1,
        externalItemId: 'SP-2',
        status: 'live',
        syncedAt: '2025-02-01T10:00:00+07:00',
      }),
    );
    const after = await fixture.ledger.getListing(listing.productId, 'shopee');
    // Assess
    expect(first.outcome).toBe('applied');
    expect(stale).toEqual({ outcome: 'conflict' });
    expect(after?.readBack?.checkedAt).toBe('2025-02-01T09:00:00+07:00');
  });

  it('drops a banned listing from the read-back order', async () => {
    // Prepare
    const listing = await liveListing('shopee', '2025-02-02T08:00:00+07:00');
    const shopId = uid('shop');
    await fixture.ledger.linkChannels(
      detail('ProducerChannelsLinked', {
        eventId: uid('evt'),
        occurredAt: '2025-02-01T08:00:00+07:00',
        version: 1,
        producer: {
          producerId: listing.producerId,
          name: 'HTX Cói Nga Sơn',
          type: 'cooperative',
          area: { province: 'Thanh Hóa', district: 'Nga Sơn' },
        },
        channels: [{ channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `ocop/${shopId}` }],
      }),
    );
    const before = await fixture.ledger.listingsToCheck('shopee', 100);
    // Act
    await fixture.ledger.recordListingBanned(
      detail('MarketplaceItemBanned', {
        channel: 'shopee',
        shopId,
        externalItemId: listing.synced?.externalItemId ?? 'none',
        reason: 'Hàng cấm',
        bannedAt: '2025-02-02T09:00:00+07:00',
      }),
    );
    const after = await fixture.ledger.listingsToCheck('shopee', 100);
    // Assess
    expect(before.map((item) => item.productId)).toContain(listing.productId);
    expect(after.map((item) => item.productId)).not.toContain(listing.productId);
  });

  it('keeps every run with an expiry and the last finished run per channel', async () => {
    // Prepare
    const report = (runId: string, finishedAt: string): ReconciliationReport => ({
      channel: 'postmart',
      runId,
      startedAt: '2025-03-01T08:00:00+07:00',
      finishedAt,
      checked: 3,
      inSync: 2,
      corrected: 1,
      needsHuman: 0,
      byClass: { ...Object.fromEntries(driftClasses.map((name) => [name, 0])), 'not-applied': 1 } as Record<
        (typeof driftClasses)[number],
        number
      >,
      humanItems: [],
    });
    // Act
    await fixture.ledger.recordReconciliationReport(report('run-later', '2025-03-01T08:15:00+07:00'));
    await fixture.ledger.recordReconciliationReport(report('run-earlier', '2025-03-01T08:05:00+07:00'));
    const latest = await fixture.ledger.latestReconciliationReports();
    const stored = await DynamoDBDocumentClient.from(fixture.table.client).send(
      new GetCommand({
        TableName: fixture.table.tableName,
        Key: { pk: 'RECONCILIATION#postmart', sk: 'REPORT#2025-03-01T01:05:00.000Z#run-earlier' },
      }),
    );
    // Assess
    expect(latest.map((item) => [item.channel, item.runId])).toEqual([['postmart', 'run-later']]);
    expect(latest[0]?.byClass['not-applied']).toBe(1);
    expect(stored.Item?.expiresAt).toBeGreaterThan(Date.now() / 1000 + REPORT_TTL_SECONDS - 3600);
  });
});
