import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detail, type LedgerFixture, ledgerFixture, uid } from './fixtures.js';

describe('listing ledger', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  const ids = () => ({ productId: uid('prod'), producerId: uid('htx'), channel: 'shopee' as const });
  const synced = (
    listing: ReturnType<typeof ids>,
    productVersion: number,
    syncedAt: string,
    externalItemId = 'SP-1001',
  ) => detail('ListingSynced', { ...listing, productVersion, externalItemId, status: 'live', syncedAt });

  it('is pending after a desired state and live once the marketplace accepts that version', async () => {
    // Prepare
    const listing = ids();
    await fixture.ledger.setDesiredListing({
      ...listing,
      listing: { state: 'listed', priceVnd: 350_000, productVersion: 2 },
    });
    const pending = await fixture.ledger.getListing(listing.productId, 'shopee');
    // Act
    const result = await fixture.ledger.recordListingSynced(synced(listing, 2, '2024-12-01T10:00:00+07:00'));
    // Assess
    expect(pending?.status).toBe('pending');
    expect(result).toMatchObject({
      outcome: 'applied',
      listing: { status: 'live', synced: { externalItemId: 'SP-1001' } },
    });
  });

  it('tells "already done" from "needs work" by versions', async () => {
    // Prepare
    const listing = ids();
    await fixture.ledger.setDesiredListing({
      ...listing,
      listing: { state: 'listed', priceVnd: 350_000, productVersion: 2 },
      stock: { quantity: 5, stockVersion: 7 },
    });
    await fixture.ledger.recordListingSynced(synced(listing, 2, '2024-12-01T10:00:00+07:00'), {
      stockVersion: 7,
    });
    // Act
    const done = await fixture.ledger.setDesiredListing({
      ...listing,
      stock: { quantity: 5, stockVersion: 7 },
    });
    const work = await fixture.ledger.setDesiredListing({
      ...listing,
      stock: { quantity: 4, stockVersion: 8 },
    });
    // Assess
    expect(done.outcome).toBe('duplicate');
    expect(work).toMatchObject({ outcome: 'applied', listing: { status: 'pending' } });
  });

  it('ignores a sync of an older product version as stale', async () => {
    // Prepare
    const listing = ids();
    await fixture.ledger.recordListingSynced(synced(listing, 3, '2024-12-02T10:00:00+07:00'));
    // Act
    const late = await fixture.ledger.recordListingSynced(synced(listing, 2, '2024-12-03T10:00:00+07:00'));
    // Assess
    expect(late.outcome).toBe('stale');
  });

  it('records a failure with its reason until a newer plan supersedes it', async () => {
    // Prepare
    const listing = ids();
    await fixture.ledger.setDesiredListing({
      ...listing,
      listing: { state: 'listed', priceVnd: 90_000, productVersion: 1 },
    });
    const failure = detail('ListingFailed', {
      ...listing,
      productVersion: 1,
      failure: {
        kind: 'permanent',
        code: 'TITLE_TOO_LONG',
        field: 'name',
        message: { vi: 'Tên sản phẩm quá dài', en: 'Product name too long' },
      },
      failedAt: '2024-12-01T10:00:00+07:00',
    });
    // Act
    const failed = await fixture.ledger.recordListingFailed(failure);
    const replanned = await fixture.ledger.setDesiredListing({
      ...listing,
      listing: { state: 'listed', priceVnd: 90_000, productVersion: 2 },
    });
    // Assess
    expect(failed).toMatchObject({
      outcome: 'applied',
      listing: { status: 'failed', failure: { code: 'TITLE_TOO_LONG' } },
    });
    expect(replanned).toMatchObject({ outcome: 'applied', listing: { status: 'pending' } });
  });

  it('adopts a marketplace ban found by the item id', async () => {
    // Prepare
    const listing = ids();
    const shopId = uid('shop');
    await fixture.ledger.linkChannels(
      detail('ProducerChannelsLinked', {
        eventId: uid('evt'),
        occurredAt: '2024-11-01T08:00:00+07:00',
        version: 1,
        producer: {
          producerId: listing.producerId,
          name: 'HTX Sen Tây Hồ',
          type: 'cooperative',
          area: { province: 'Hà Nội', district: 'Tây Hồ' },
        },
        channels: [{ channel: 'shopee', status: 'linked', shopId, credentialsSecretName: 'ocop/shopee/x' }],
      }),
    );
    const itemId = uid('SP');
    await fixture.ledger.recordListingSynced(synced(listing, 1, '2024-12-01T10:00:00+07:00', itemId));
    // Act
    const result = await fixture.ledger.recordListingBanned(
      detail('MarketplaceItemBanned', {
        channel: 'shopee',
        shopId,
        externalItemId: itemId,
        reason: 'Thiếu giấy chứng nhận an toàn thực phẩm',
        bannedAt: '2024-12-05T10:00:00+07:00',
      }),
    );
    // Assess
    expect(result).toMatchObject({ outcome: 'applied', listing: { status: 'banned' } });
    expect((await fixture.ledger.listListingsByProducer(listing.producerId)).map((l) => l.status)).toEqual([
      'banned',
    ]);
  });
});
