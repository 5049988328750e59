import type { Channel } from '@ocop-sync/domain';
import { loadSamples, type SampleEvent } from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './journey-kit.js';

const HONEY = 'TH-2024-0001';
const HONEY_PRODUCER = 'HTX-BT-MATONG';
const WAREHOUSE = 'WH-HTX-BT-MATONG';
const channels: readonly Channel[] = ['shopee', 'lazada', 'postmart'];

/**
 * The ledger's stock per location, replayed from the movement events by a model independent of the system:
 * receipts add, sales take, transfers move, counts and warehouse reports set.
 */
function expectedLevels(movements: readonly SampleEvent[]): Map<string, number> {
  const levels = new Map<string, number>();
  const key = (productId: unknown, location: unknown) => `${String(productId)} ${JSON.stringify(location)}`;
  const add = (k: string, delta: number) => levels.set(k, (levels.get(k) ?? 0) + delta);
  for (const { 'detail-type': type, detail } of movements) {
    const { productId, location, quantity } = detail;
    if (type === 'StockReceived') add(key(productId, location), Number(quantity));
    if (type === 'StockSold') add(key(productId, location), -Number(quantity));
    if (type === 'StockCounted') levels.set(key(productId, location), Number(detail.countedQuantity));
    if (type === 'WarehouseStockSet')
      levels.set(key(productId, { type: 'warehouse', locationId: detail.warehouseId }), Number(quantity));
    if (type === 'StockTransferred') {
      add(key(productId, detail.from), -Number(quantity));
      add(key(productId, detail.to), Number(quantity));
    }
  }
  return levels;
}

const warehouseSet = (movementId: string, quantity: number): SampleEvent => ({
  source: 'ocop.producer',
  'detail-type': 'WarehouseStockSet',
  detail: {
    movementId,
    occurredAt: new Date().toISOString(),
    productId: HONEY,
    warehouseId: WAREHOUSE,
    quantity,
  },
});

/**
 * Journey 2, showroom stock updates: deliveries, sales, a count and a transfer between showrooms; then the
 * last unit, wanted by two marketplaces at once.
 */
describe('journey 2: showroom stock updates', () => {
  let journey: Journey;
  const movements = loadSamples('showroom/movements.json');
  const productIds = [...new Set(movements.map((event) => String(event.detail.productId)))];

  const stockOn = (channel: Channel, producerId: string, productId: string) =>
    journey.itemsOf(producerId, channel, productId)[0]?.stock;
  const producerOf = (productId: string) =>
    String(
      loadSamples('registry/council-decisions.json')
        .map((event) => event.detail.product as { productId: string; producer: { producerId: string } })
        .find((product) => product.productId === productId)?.producer.producerId,
    );

  beforeAll(async () => {
    journey = await startJourney();
    const decisions = loadSamples('registry/council-decisions.json').filter((event) =>
      productIds.includes(String((event.detail.product as { productId: string }).productId)),
    );
    await journey.send(decisions);
    await journey.send(movements);
  }, 180_000);
  afterAll(async () => {
    await journey?.stop();
  });

  it('keeps exact stock per showroom and warehouse', async () => {
    const expected = expectedLevels(movements);
    const actual = new Map<string, number>();
    for (const productId of productIds) {
      for (const level of (await journey.ledger.getStock(productId))?.levels ?? []) {
        actual.set(`${productId} ${JSON.stringify(level.location)}`, level.quantity);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('shows each marketplace the quantity it may sell (warehouse stock by default, minus reservations)', async () => {
    for (const productId of productIds) {
      const producerId = producerOf(productId);
      const stock = await journey.ledger.getStock(productId);
      const warehouse = (stock?.levels ?? [])
        .filter((level) => level.location.type === 'warehouse')
        .reduce((total, level) => total + level.quantity, 0);
      for (const channel of journey.channelsOf(producerId)) {
        expect(stockOn(channel, producerId, productId), `${productId} on ${channel}`).toBe(
          warehouse - (stock?.reserved ?? 0),
        );
      }
    }
    expect(stockOn('postmart', HONEY_PRODUCER, HONEY)).toBe(40);
  });

  it('sells the last unit once when two marketplaces order it at the same time', async () => {
    await journey.send([warehouseSet('wh-TH-2024-0001-last-unit', 1)]);
    for (const channel of channels) expect(stockOn(channel, HONEY_PRODUCER, HONEY)).toBe(1);

    const postmartShop = journey.shopOf(HONEY_PRODUCER, 'postmart');
    const shopeeShop = journey.shopOf(HONEY_PRODUCER, 'shopee');
    if (postmartShop === undefined || shopeeShop === undefined) throw new Error('honey shops missing');
    const pushes = `${journey.stack.endpoints.http}/webhooks`;
    // Both marketplaces push a signed order at the same moment, through the HTTP API to the marketplace-webhook
    // function: Postmart's push names the line; Shopee's is thin, so the function reads the order's lines back.
    const [postmart, shopee] = await Promise.all([
      journey.stack.sandboxes.postmart.push('order.placed', `${pushes}/postmart`, {
        shopId: postmartShop.shopId,
        orderId: 'PM-LAST-UNIT-1',
        sellerSku: HONEY,
        quantity: 1,
      }),
      journey.stack.sandboxes.shopee.push('order.placed', `${pushes}/shopee`, {
        shopId: shopeeShop.shopId,
        orderId: '261123LASTUNIT',
        lines: [{ sellerSku: HONEY, quantity: 1 }],
      }),
    ]);
    await journey.settle();

    expect([postmart.status, shopee.status]).toEqual([200, 200]);
    const stock = await journey.ledger.getStock(HONEY);
    expect(stock?.reserved).toBe(1);
    for (const channel of channels) expect(stockOn(channel, HONEY_PRODUCER, HONEY)).toBe(0);
  });

  it('tells the producer stock.low once when the stock crosses the threshold, not on every change', () => {
    const low = journey.receiver
      .received()
      .filter((message) => message.type === 'stock.low' && message.data.productId === HONEY);
    expect(low.length).toBe(1);
    expect(low[0]?.verified).toBe(true);
  });
});
