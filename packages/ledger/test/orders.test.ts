import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certified,
  detail,
  type LedgerFixture,
  ledgerFixture,
  received,
  uid,
  warehouse,
} from './fixtures.js';

describe('marketplace order reservations', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  /** A producer with a Shopee shop and a product sold under `sku`, stocked in its warehouse. */
  async function shopWithProduct(stock: number) {
    const producerId = uid('htx');
    const shopId = uid('shop');
    const productId = uid('prod');
    const sku = uid('SKU');
    await fixture.ledger.linkChannels(
      detail('ProducerChannelsLinked', {
        eventId: uid('evt'),
        occurredAt: '2024-11-01T08:00:00+07:00',
        version: 1,
        producer: {
          producerId,
          name: 'HTX Mật ong U Minh',
          type: 'cooperative',
          area: { province: 'Cà Mau', district: 'U Minh' },
        },
        channels: [
          { channel: 'shopee', status: 'linked', shopId, credentialsSecretName: `ocop/shopee/${shopId}` },
        ],
        settings: { stockLowThreshold: 2, safetyBuffer: 1 },
      }),
    );
    await fixture.ledger.recordCertification(certified({ productId, producerId, sku }));
    await fixture.ledger.applyMovement(received(productId, warehouse('W1'), stock));
    return { producerId, shopId, productId, sku };
  }

  const placed = (shopId: string, sku: string, quantity: number, orderId = uid('ord')) =>
    detail('MarketplaceOrderPlaced', {
      channel: 'shopee',
      shopId,
      orderId,
      placedAt: '2024-12-02T10:00:00+07:00',
      lines: [{ sellerSku: sku, quantity }],
    });
  const cancelled = (shopId: string, orderId: string) =>
    detail('MarketplaceOrderCancelled', {
      channel: 'shopee',
      shopId,
      orderId,
      cancelledAt: '2024-12-02T11:00:00+07:00',
    });

  it('reserves an order by seller SKU and lowers what the channel may sell', async () => {
    // Prepare: 6 in stock, safety buffer 1
    const shop = await shopWithProduct(6);
    // Act
    const result = await fixture.ledger.reserveOrder(placed(shop.shopId, shop.sku, 2));
    // Assess
    expect(result).toMatchObject({
      outcome: 'applied',
      status: 'reserved',
      movements: [{ kind: 'reserved', reserved: 2 }],
    });
    expect(await fixture.ledger.availableToSell(shop.productId, 'shopee')).toEqual({
      available: 3,
      stockVersion: 2,
    });
  });

  it('rejects an order that exceeds what the channel may sell, with the figures for an oversell notice', async () => {
    // Prepare
    const shop = await shopWithProduct(3);
    // Act
    const result = await fixture.ledger.reserveOrder(placed(shop.shopId, shop.sku, 3));
    // Assess
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: 'insufficient-stock',
      retryable: false,
      lines: [{ sellerSku: shop.sku, productId: shop.productId, requested: 3, available: 2 }],
    });
    expect((await fixture.ledger.getStock(shop.productId))?.reserved).toBe(0);
  });

  it('reports a redelivered order as a duplicate', async () => {
    // Prepare
    const shop = await shopWithProduct(5);
    const order = placed(shop.shopId, shop.sku, 1);
    await fixture.ledger.reserveOrder(order);
    // Act
    const again = await fixture.ledger.reserveOrder(order);
    // Assess
    expect(again).toEqual({ outcome: 'duplicate', status: 'reserved' });
    expect((await fixture.ledger.getStock(shop.productId))?.reserved).toBe(1);
  });

  it('releases the reservation when the order is cancelled, once', async () => {
    // Prepare
    const shop = await shopWithProduct(5);
    const order = placed(shop.shopId, shop.sku, 2);
    await fixture.ledger.reserveOrder(order);
    // Act
    const first = await fixture.ledger.releaseOrder(cancelled(shop.shopId, order.orderId));
    const second = await fixture.ledger.releaseOrder(cancelled(shop.shopId, order.orderId));
    // Assess
    expect(first).toMatchObject({
      outcome: 'applied',
      status: 'released',
      movements: [{ kind: 'released', reserved: 0 }],
    });
    expect(second).toEqual({ outcome: 'duplicate', status: 'released' });
  });

  it('reserves nothing for an order whose cancellation arrived first', async () => {
    // Prepare
    const shop = await shopWithProduct(5);
    const order = placed(shop.shopId, shop.sku, 2);
    await fixture.ledger.releaseOrder(cancelled(shop.shopId, order.orderId));
    // Act
    const late = await fixture.ledger.reserveOrder(order);
    // Assess
    expect(late).toEqual({ outcome: 'stale', status: 'cancelled-before-placed' });
    expect((await fixture.ledger.getStock(shop.productId))?.reserved).toBe(0);
  });

  it('rejects an order from an unknown shop or SKU as retryable, recording nothing', async () => {
    // Prepare
    const shop = await shopWithProduct(5);
    // Act
    const unknownShop = await fixture.ledger.reserveOrder(placed(uid('shop'), shop.sku, 1));
    const unknownSku = await fixture.ledger.reserveOrder(placed(shop.shopId, uid('SKU'), 1));
    // Assess
    expect(unknownShop).toMatchObject({ outcome: 'rejected', reason: 'unknown-shop', retryable: true });
    expect(unknownSku).toMatchObject({ outcome: 'rejected', reason: 'unknown-product', retryable: true });
  });

  it('allows only what is available when many orders race for the last units', async () => {
    // Prepare: 6 in stock, buffer 1 → 5 sellable
    const shop = await shopWithProduct(6);
    // Act
    const results = await Promise.all(
      Array.from({ length: 12 }, () => fixture.ledger.reserveOrder(placed(shop.shopId, shop.sku, 1))),
    );
    // Assess
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(5);
    expect((await fixture.ledger.getStock(shop.productId))?.reserved).toBe(5);
  });
});
