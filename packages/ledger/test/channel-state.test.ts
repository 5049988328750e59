import { dynamoCommandsDuring } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../src/index.js';
import { detail, type LedgerFixture, ledgerFixture, stockedProduct, uid } from './fixtures.js';

describe('channel state and writes based on a listing just read', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  const synced = (productId: string, producerId: string, productVersion: number, syncedAt: string) =>
    detail('ListingSynced', {
      productId,
      producerId,
      channel: 'shopee',
      productVersion,
      externalItemId: 'SP-2001',
      status: 'live',
      syncedAt,
    });

  const linked = (producerId: string) => {
    const shopId = uid('shop');
    return detail('ProducerChannelsLinked', {
      eventId: uid('evt'),
      occurredAt: '2024-11-01T08:00:00+07:00',
      version: 1,
      producer: {
        producerId,
        name: 'HTX Cói Nga Sơn',
        type: 'cooperative',
        area: { province: 'Thanh Hóa', district: 'Nga Sơn' },
      },
      channels: [
        { channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `ocop/shopee/${shopId}` },
        { channel: 'lazada', status: 'unlinked', shopId, credentialsSecretName: `ocop/lazada/${shopId}` },
      ],
    });
  };

  it('reads product, listing and availability in one request, as the single reads give them', async () => {
    // Prepare
    const producerId = uid('htx');
    const productId = await stockedProduct(fixture.ledger, 7, { producerId });
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 1, '2024-12-01T10:00:00+07:00'));
    const { ledger } = fixture;
    // Act
    let state: Awaited<ReturnType<typeof ledger.getChannelState>> | undefined;
    const sent = await dynamoCommandsDuring(fixture.table.client, async () => {
      state = await ledger.getChannelState(productId, 'shopee', producerId);
    });
    // Assess
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(state).toEqual({
      product: await ledger.getProduct(productId),
      listing: await ledger.getListing(productId, 'shopee'),
      available: await ledger.availableToSell(productId, 'shopee'),
    });
  });

  it('gives nothing for a product the ledger does not hold', async () => {
    // Act
    const state = await fixture.ledger.getChannelState(uid('prod'), 'lazada', uid('htx'));
    // Assess
    expect(state).toEqual({ product: undefined, listing: undefined, available: undefined });
  });

  it('records a sync against the listing just read without reading it again', async () => {
    // Prepare
    const producerId = uid('htx');
    const productId = uid('prod');
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 1, '2024-12-01T10:00:00+07:00'));
    const read = await fixture.ledger.getListing(productId, 'shopee');
    // Act
    const sent = await dynamoCommandsDuring(fixture.table.client, () =>
      fixture.ledger.recordListingSynced(synced(productId, producerId, 2, '2024-12-02T10:00:00+07:00'), {
        basedOn: read ?? null,
      }),
    );
    // Assess
    expect(sent).toEqual(['TransactWriteItemsCommand']);
    expect((await fixture.ledger.getListing(productId, 'shopee'))?.synced?.productVersion).toBe(2);
  });

  it('decides again on a fresh read when the listing changed since the caller read it', async () => {
    // Prepare: the caller read version 1; another worker then recorded version 3.
    const producerId = uid('htx');
    const productId = uid('prod');
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 1, '2024-12-01T10:00:00+07:00'));
    const outdated = await fixture.ledger.getListing(productId, 'shopee');
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 3, '2024-12-03T10:00:00+07:00'));
    // Act
    const late = await fixture.ledger.recordListingSynced(
      synced(productId, producerId, 2, '2024-12-02T10:00:00+07:00'),
      { basedOn: outdated ?? null },
    );
    // Assess
    expect(late.outcome).toBe('stale');
    expect((await fixture.ledger.getListing(productId, 'shopee'))?.synced?.productVersion).toBe(3);
  });

  it('creates nothing twice when the caller read the listing as absent but it exists by now', async () => {
    // Prepare
    const producerId = uid('htx');
    const productId = uid('prod');
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 2, '2024-12-02T10:00:00+07:00'));
    // Act
    const result = await fixture.ledger.setDesiredListing(
      {
        productId,
        producerId,
        channel: 'shopee',
        listing: { state: 'listed', priceVnd: 90_000, productVersion: 2 },
      },
      { basedOn: null },
    );
    // Assess: the desired state joins the synced one instead of replacing the listing.
    expect(result).toMatchObject({ outcome: 'applied', listing: { status: 'live', revision: 2 } });
    expect((await fixture.ledger.getListing(productId, 'shopee'))?.synced?.externalItemId).toBe('SP-2001');
  });

  it('does not trust a listing that calls for no write: it reads the stored one and decides on it', async () => {
    // Prepare: a basis that claims a newer sync than the ledger holds.
    const producerId = uid('htx');
    const productId = uid('prod');
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 1, '2024-12-01T10:00:00+07:00'));
    const stored = await fixture.ledger.getListing(productId, 'shopee');
    if (stored?.synced === undefined) throw new Error('fixture: no synced listing');
    const claimed: Listing = { ...stored, synced: { ...stored.synced, productVersion: 5 } };
    // Act
    const result = await fixture.ledger.recordListingSynced(
      synced(productId, producerId, 2, '2024-12-02T10:00:00+07:00'),
      { basedOn: claimed },
    );
    // Assess
    expect(result.outcome).toBe('applied');
    expect((await fixture.ledger.getListing(productId, 'shopee'))?.synced?.productVersion).toBe(2);
  });

  it('reads what the channel plan needs in one request, as listing and account reads give it', async () => {
    // Prepare
    const producerId = uid('htx');
    const productId = await stockedProduct(fixture.ledger, 0, { producerId });
    await fixture.ledger.linkChannels(linked(producerId));
    await fixture.ledger.recordListingSynced(synced(productId, producerId, 1, '2024-12-01T10:00:00+07:00'));
    const { ledger } = fixture;
    // Act
    let state: Awaited<ReturnType<typeof ledger.getPlanningState>> | undefined;
    const sent = await dynamoCommandsDuring(fixture.table.client, async () => {
      state = await ledger.getPlanningState(productId, producerId);
    });
    // Assess
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(state?.listings).toEqual(await ledger.listListings(productId));
    expect(state?.accounts).toEqual(await ledger.listChannelAccounts(producerId));
    expect(state?.accounts.map(({ channel }) => channel)).toEqual(['lazada', 'shopee']);
  });

  it('finds one channel account by key, linked or not, and none for a channel never linked', async () => {
    // Prepare
    const producerId = uid('htx');
    await fixture.ledger.linkChannels(linked(producerId));
    // Act
    const [lazada, postmart] = await Promise.all([
      fixture.ledger.getChannelAccount(producerId, 'lazada'),
      fixture.ledger.getChannelAccount(producerId, 'postmart'),
    ]);
    // Assess
    expect(lazada).toMatchObject({ channel: 'lazada', status: 'unlinked' });
    expect(postmart).toBeUndefined();
  });
});
