import { loadSamples, type SampleEvent } from '@ocop-sync/local-stack';

const saleSample = loadSamples('showroom/movements.json').find(
  (event) => event['detail-type'] === 'StockSold',
);

/** A showroom sale of one unit, shaped like the StockSold sample. */
export function showroomSale(productId: string, showroomId: string, movementId: string): SampleEvent {
  if (!saleSample) throw new Error('the StockSold sample is missing');
  return {
    source: saleSample.source,
    'detail-type': 'StockSold',
    detail: {
      movementId,
      occurredAt: new Date().toISOString().replace('Z', '+00:00'),
      productId,
      location: { type: 'showroom', locationId: showroomId },
      quantity: 1,
      unitPriceVnd: 50_000,
    },
  };
}

/** A showroom delivery, shaped like the StockReceived sample. */
export function showroomReceipt(
  productId: string,
  showroomId: string,
  movementId: string,
  quantity: number,
): SampleEvent {
  if (!saleSample) throw new Error('the StockSold sample is missing');
  return {
    source: saleSample.source,
    'detail-type': 'StockReceived',
    detail: {
      movementId,
      occurredAt: new Date().toISOString().replace('Z', '+00:00'),
      productId,
      location: { type: 'showroom', locationId: showroomId },
      quantity,
    },
  };
}
