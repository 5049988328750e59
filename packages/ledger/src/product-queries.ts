import type { LedgerContext } from './context.js';
import { byArea, byExpiry, byProducer, productKey } from './keys.js';
import { productRecord } from './records.js';
import { parseStored } from './store.js';
import { ledgerTable } from './table-definition.js';
import type { Product } from './types.js';

const { indexes } = ledgerTable;

export function getProduct(context: LedgerContext, productId: string): Promise<Product | undefined> {
  return context.store.get(productKey(productId), productRecord);
}

export async function listByProducer(context: LedgerContext, producerId: string): Promise<Product[]> {
  const items = await context.store.query(indexes.byProducer.name, {
    keyCondition: '#pk = :pk AND begins_with(#sk, :prefix)',
    names: { '#pk': indexes.byProducer.partitionKey, '#sk': indexes.byProducer.sortKey },
    values: { ':pk': byProducer.pk(producerId), ':prefix': byProducer.productPrefix },
  });
  return items.map((item) => parseStored(item, productRecord));
}

/** Products of a province, or of one district in it; names match whatever their case or Unicode form. */
export async function listByArea(
  context: LedgerContext,
  area: { province: string; district?: string },
): Promise<Product[]> {
  const province = { '#pk': indexes.byArea.partitionKey };
  const items = await context.store.query(
    indexes.byArea.name,
    area.district === undefined
      ? { keyCondition: '#pk = :pk', names: province, values: { ':pk': byArea.pk(area.province) } }
      : {
          keyCondition: '#pk = :pk AND begins_with(#sk, :prefix)',
          names: { ...province, '#sk': indexes.byArea.sortKey },
          values: { ':pk': byArea.pk(area.province), ':prefix': byArea.districtPrefix(area.district) },
        },
  );
  return items.map((item) => parseStored(item, productRecord));
}

/** Active or expiring certificates with `expiresOn` before `date` (YYYY-MM-DD): a Query, never a Scan. */
export async function productsExpiringBefore(context: LedgerContext, date: string): Promise<Product[]> {
  const items = await context.store.query(indexes.byExpiry.name, {
    keyCondition: '#pk = :pk AND #sk < :before',
    names: { '#pk': indexes.byExpiry.partitionKey, '#sk': indexes.byExpiry.sortKey },
    values: { ':pk': byExpiry.pk, ':before': byExpiry.before(date) },
  });
  return items.map((item) => parseStored(item, productRecord));
}
