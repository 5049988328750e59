import { randomUUID } from 'node:crypto';
import { type CatalogueEvent, parseEvent } from '@ocop-sync/domain';
import type { Listing } from '@ocop-sync/ledger';
import { describe, expect, it } from 'vitest';
import { decidePush, groupByProduct } from '../src/stock-sync-plan.js';

function received(detailType: string, detail: unknown) {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'ocop.sync',
    account: '000000000000',
    time: '2024-11-16T02:15:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail,
  });
  if (!parsed.ok) throw new Error(`bad fixture ${detailType}: ${JSON.stringify(parsed.issues)}`);
  const event: CatalogueEvent = parsed.value;
  return { messageId: `msg-${randomUUID().slice(0, 8)}`, event };
}

const level = (productId: string, stockVersion: number) =>
  received('StockLevelChanged', {
    productId,
    producerId: 'HTX-BT-MATONG',
    movementId: `sale-${stockVersion}`,
    stockVersion,
    location: { type: 'showroom', locationId: 'SR-TH-01' },
    quantityAtLocation: 10 - stockVersion,
    occurredAt: '2024-11-17T10:15:00+07:00',
  });
const listingSynced = (productId: string, channel: string) =>
  received('ListingSynced', {
    productId,
    producerId: 'HTX-BT-MATONG',
    channel,
    productVersion: 1,
    externalItemId: 'PM-1',
    status: 'live',
    syncedAt: '2024-11-16T09:00:00+07:00',
  });

const liveSync = {
  externalItemId: 'PM-1',
  status: 'live' as const,
  productVersion: 1,
  stockVersion: 4,
  syncedAt: '2024-11-16T09:00:00+07:00',
};
const listing = (overrides: Partial<Listing> = {}): Listing => ({
  productId: 'TH-2024-0001',
  producerId: 'HTX-BT-MATONG',
  channel: 'postmart',
  synced: liveSync,
  status: 'live',
  revision: 1,
  ...overrides,
});

/** A number computed at this stock version (10 available). */
const at = (stockVersion: number) => ({ stockVersion, available: 10 });

describe('stock sync plan', () => {
  it("groups a batch's changes by product, with this channel's listings and no other's", () => {
    // Prepare
    const events = [
      level('A', 1),
      level('B', 1),
      level('A', 2),
      listingSynced('C', 'postmart'),
      listingSynced('D', 'shopee'),
    ];
    // Act
    const groups = groupByProduct(events, 'postmart');
    // Assess
    const ids = events.map((event) => event.messageId);
    expect([...groups]).toEqual([
      ['A', [ids[0], ids[2]]],
      ['B', [ids[1]]],
      ['C', [ids[3]]],
    ]);
  });

  it('pushes only a number computed at a newer stock version than the last push', () => {
    expect(decidePush(listing(), at(5))).toMatchObject({ push: true });
    expect(decidePush(listing(), at(4))).toEqual({ push: false, reason: 'already-pushed' });
    expect(decidePush(listing(), at(3))).toEqual({ push: false, reason: 'already-pushed' });
  });

  it('does not push a newer version whose number is the one the channel was last told', () => {
    const told = listing({ synced: { ...liveSync, stockVersion: 4, quantity: 7 } });
    expect(decidePush(told, { stockVersion: 5, available: 7 })).toEqual({ push: false, reason: 'unchanged' });
    expect(decidePush(told, { stockVersion: 5, available: 6 })).toMatchObject({ push: true });
    // Unknown number (after a listing sync): pushed.
    expect(decidePush(listing(), { stockVersion: 5, available: 7 })).toMatchObject({ push: true });
  });

  it('skips a product with no live listing on the channel', () => {
    const paused = listing({ status: 'paused', synced: { ...liveSync, status: 'paused' } });
    expect(decidePush(undefined, at(5))).toEqual({ push: false, reason: 'no-live-listing' });
    expect(decidePush(listing({ synced: undefined, status: 'pending' }), at(5))).toMatchObject({
      push: false,
    });
    expect(decidePush(paused, at(5))).toEqual({ push: false, reason: 'no-live-listing' });
    expect(decidePush(listing({ status: 'banned' }), at(5))).toEqual({
      push: false,
      reason: 'no-live-listing',
    });
  });
});
