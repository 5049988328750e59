import { randomUUID } from 'node:crypto';
import { type DetailType, type EventDetail, type EventDetailInput, parseDetail } from '@ocop-sync/domain';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import type { Ledger, LedgerOptions } from '../src/index.js';
import { createLedger } from '../src/index.js';

/** A unique id per call, so tests sharing a table never share data. */
export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function detail<T extends DetailType>(type: T, input: EventDetailInput<T>): EventDetail<T> {
  const parsed = parseDetail(type, input);
  if (!parsed.ok) throw new Error(`bad fixture ${type}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export interface LedgerFixture {
  ledger: Ledger;
  table: TestLedgerTable;
  drop(): Promise<void>;
}

export async function ledgerFixture(options: Partial<LedgerOptions> = {}): Promise<LedgerFixture> {
  const table = await createTestLedgerTable('ledger-pkg');
  const ledger = createLedger({ client: table.client, tableName: table.tableName, ...options });
  return { ledger, table, drop: () => table.drop() };
}

interface ProductFixture {
  productId: string;
  producerId?: string;
  version?: number;
  eventId?: string;
  issuedOn?: string;
  expiresOn?: string;
  stars?: 3 | 4 | 5;
  province?: string;
  district?: string;
  sku?: string;
  name?: string;
}

export function productDetails(fixture: ProductFixture) {
  return {
    productId: fixture.productId,
    name: fixture.name ?? 'Chè Shan tuyết Suối Giàng',
    description: 'Chè cổ thụ hái tay trên núi cao Văn Chấn.',
    group: 'beverage' as const,
    producer: {
      producerId: fixture.producerId ?? 'htx-suoi-giang',
      name: 'HTX Chè Suối Giàng',
      type: 'cooperative' as const,
    },
    area: { province: fixture.province ?? 'Yên Bái', district: fixture.district ?? 'Văn Chấn' },
    priceVnd: 350_000,
    ...(fixture.sku === undefined ? {} : { sku: fixture.sku }),
  };
}

export function certified(fixture: ProductFixture): EventDetail<'ProductCertified'> {
  return detail('ProductCertified', {
    eventId: fixture.eventId ?? uid('evt'),
    occurredAt: '2024-11-14T09:30:00+07:00',
    version: fixture.version ?? 1,
    product: productDetails(fixture),
    certificate: {
      decisionNumber: '1234/QĐ-UBND',
      issuedOn: fixture.issuedOn ?? '2024-11-14',
      ...(fixture.expiresOn === undefined ? {} : { expiresOn: fixture.expiresOn }),
      stars: fixture.stars ?? 4,
    },
  });
}

export const showroom = (locationId: string) => ({ type: 'showroom' as const, locationId });
export const warehouse = (locationId: string) => ({ type: 'warehouse' as const, locationId });
type Loc = ReturnType<typeof showroom> | ReturnType<typeof warehouse>;

const movement = (productId: string, movementId?: string) => ({
  movementId: movementId ?? uid('mv'),
  occurredAt: '2024-12-01T10:00:00+07:00',
  productId,
});

export const received = (productId: string, location: Loc, quantity: number, movementId?: string) =>
  ({
    detailType: 'StockReceived',
    detail: detail('StockReceived', { ...movement(productId, movementId), location, quantity }),
  }) as const;
export const sold = (productId: string, location: Loc, quantity: number, movementId?: string) =>
  ({
    detailType: 'StockSold',
    detail: detail('StockSold', { ...movement(productId, movementId), location, quantity }),
  }) as const;
export const counted = (productId: string, location: Loc, countedQuantity: number) =>
  ({
    detailType: 'StockCounted',
    detail: detail('StockCounted', { ...movement(productId), location, countedQuantity }),
  }) as const;
export const transferred = (productId: string, from: Loc, to: Loc, quantity: number) =>
  detail('StockTransferred', { ...movement(productId), from, to, quantity });

/** A certified product with `stock` units in warehouse W1 (the default rule sells warehouse stock). */
export async function stockedProduct(ledger: Ledger, stock: number, fixture: Partial<ProductFixture> = {}) {
  const productId = fixture.productId ?? uid('prod');
  await ledger.recordCertification(certified({ ...fixture, productId }));
  if (stock > 0) await ledger.applyMovement(received(productId, warehouse('W1'), stock));
  return productId;
}
