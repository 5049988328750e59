import type { LedgerContext } from './context.js';
import { eventMarkerPut, putAtRevision } from './idempotency.js';
import { byArea, byExpiry, byProducer, eventMarkerKey, productKey, stockKey } from './keys.js';
import { decideProductChange, type ProductDecision, type ProductEvent } from './product-rules.js';
import { type ProductRecord, productRecord } from './records.js';
import { conflict, retryOnConflict } from './retry.js';
import { parseItem, type StoredItem, type TransactItem } from './store.js';
import { ledgerTable } from './table-definition.js';
import type { ProductChangeResult } from './types.js';

const { indexes } = ledgerTable;

/** Applies one product event: read product (and the event's marker), decide, write both in one transaction. */
export async function changeProduct(
  context: LedgerContext,
  productId: string,
  eventId: string | undefined,
  event: ProductEvent,
): Promise<ProductChangeResult> {
  return retryOnConflict(event.type, context, async () => {
    const keys =
      eventId === undefined ? [productKey(productId)] : [productKey(productId), eventMarkerKey(eventId)];
    const [stored, marker] = await context.store.transactGet(keys);
    const current =
      stored === undefined ? undefined : parseItem(productKey(productId), stored, productRecord);
    if (marker !== undefined) return { outcome: 'duplicate', product: current };
    const now = context.now();
    const decision = decideProductChange(current, event, now.toISOString());
    if (decision.kind !== 'applied') return toResult(decision, current, productId);
    const writes = productWrites(context.store.tableName, current, decision.next);
    if (eventId !== undefined)
      writes.unshift(eventMarkerPut(context.store.tableName, eventId, event.type, now));
    const written = await context.store.transactWrite(writes);
    if (written.ok) return { outcome: 'applied', product: decision.next, previous: current };
    if (eventId !== undefined && written.codes[0] === 'ConditionalCheckFailed') {
      return { outcome: 'duplicate', product: current };
    }
    return conflict;
  });
}

function toResult(
  decision: Exclude<ProductDecision, { kind: 'applied' }>,
  current: ProductRecord | undefined,
  productId: string,
): ProductChangeResult {
  if (decision.kind === 'duplicate') return { outcome: 'duplicate', product: current };
  if (decision.kind === 'stale' && current !== undefined) return { outcome: 'stale', product: current };
  return { outcome: 'rejected', reason: 'unknown-product', productId, retryable: true };
}

function productWrites(
  tableName: string,
  current: ProductRecord | undefined,
  next: ProductRecord,
): TransactItem[] {
  const writes = [putAtRevision(tableName, productItem(next), 'version', current?.version)];
  const sku = skuOf(next);
  if (current === undefined) {
    writes.push(putAtRevision(tableName, newStockItem(next), 'stockVersion', undefined));
  } else if (current.producerId !== next.producerId || skuOf(current) !== sku) {
    // Only touch the stock item when its lookup keys change: movements write it concurrently.
    writes.push({
      Update: {
        TableName: tableName,
        Key: stockKey(next.productId),
        UpdateExpression: 'SET producerId = :producerId, sku = :sku, gsi2pk = :lookup',
        ExpressionAttributeValues: {
          ':producerId': next.producerId,
          ':sku': sku,
          ':lookup': byArea.skuPk(next.producerId, sku),
        },
      },
    });
  }
  return writes;
}

const skuOf = (product: ProductRecord) => product.details.sku ?? product.productId;

/** The product item with its index keys; only live certificates carry the expiry index key (sparse). */
export function productItem(product: ProductRecord): StoredItem {
  const live = product.status === 'active' || product.status === 'expiring';
  return {
    ...productKey(product.productId),
    entity: 'product',
    ...product,
    [indexes.byProducer.partitionKey]: byProducer.pk(product.producerId),
    [indexes.byProducer.sortKey]: byProducer.productSk(product.productId),
    [indexes.byArea.partitionKey]: byArea.pk(product.details.area.province),
    [indexes.byArea.sortKey]: byArea.sk(product.details.area.district, product.productId),
    ...(live
      ? {
          [indexes.byExpiry.partitionKey]: byExpiry.pk,
          [indexes.byExpiry.sortKey]: byExpiry.sk(product.certificate.expiresOn, product.productId),
        }
      : {}),
  };
}

function newStockItem(product: ProductRecord): StoredItem {
  const sku = skuOf(product);
  return {
    ...stockKey(product.productId),
    entity: 'stock',
    productId: product.productId,
    producerId: product.producerId,
    sku,
    levels: {},
    reserved: 0,
    stockVersion: 0,
    [indexes.byArea.partitionKey]: byArea.skuPk(product.producerId, sku),
    [indexes.byArea.sortKey]: `PRODUCT#${product.productId}`,
  };
}
