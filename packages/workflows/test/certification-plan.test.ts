import type { Listing } from '@ocop-sync/ledger';
import { describe, expect, it } from 'vitest';
import { knownListing } from '../src/certification-plan.js';

const base: Listing = {
  productId: 'TH-2024-0001',
  producerId: 'HTX-BT-MATONG',
  channel: 'shopee',
  status: 'pending',
  revision: 1,
};
const syncedAt = '2024-11-21T09:00:00+07:00';
const live = (productVersion: number) => ({
  externalItemId: 'SP-1',
  status: 'live' as const,
  productVersion,
  syncedAt,
});

describe('what the channel plan knows of a listing', () => {
  it("leaves out the plan's own desired state, so a replay plans the same requests", () => {
    // Prepare
    const listing = { ...base, desired: { state: 'listed' as const, priceVnd: 350_000, productVersion: 2 } };
    // Act
    const known = knownListing(listing, 2);
    // Assess
    expect(known).toEqual({ status: 'none', productVersion: 0 });
  });

  it('sees an earlier plan that has not synced yet as on its way', () => {
    // Prepare
    const desired = { state: 'paused' as const, priceVnd: 350_000, productVersion: 2 };
    const listing = { ...base, desired, synced: live(1) };
    // Act
    const known = knownListing(listing, 3);
    // Assess
    expect(known).toEqual({ status: 'paused', productVersion: 2 });
  });

  it('reports what the marketplace last accepted once the plan has synced', () => {
    // Prepare
    const desired = { state: 'listed' as const, priceVnd: 350_000, productVersion: 2 };
    const listing = { ...base, status: 'live' as const, desired, synced: live(2) };
    // Act
    const known = knownListing(listing, 2);
    // Assess
    expect(known).toEqual({ status: 'live', productVersion: 2 });
  });

  it('keeps a ban whatever the plan', () => {
    // Prepare
    const ban = { externalItemId: 'SP-1', reason: 'policy', bannedAt: '2024-11-22T08:00:00+07:00' };
    const listing = { ...base, status: 'banned' as const, synced: live(1), ban };
    // Act
    const known = knownListing(listing, 3);
    // Assess
    expect(known).toEqual({ status: 'banned', productVersion: 1 });
  });
});
