import type { Channel, Location } from '@ocop-sync/domain';

/**
 * Every key the ledger writes, built in one place. Ids are catalogue identifiers (`[A-Za-z0-9._-]`), so
 * they never contain the `#` separator; free text (province, district) is escaped before it joins a key.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

export const sortKeys = {
  product: 'PRODUCT',
  stock: 'STOCK',
  profile: 'PROFILE',
  event: 'EVENT',
  listingPrefix: 'LISTING#',
  movementPrefix: 'MOVEMENT#',
  channelPrefix: 'CHANNEL#',
} as const;

export const productPk = (productId: string) => `PRODUCT#${productId}`;
export const producerPk = (producerId: string) => `PRODUCER#${producerId}`;

export const productKey = (productId: string): ItemKey => ({
  pk: productPk(productId),
  sk: sortKeys.product,
});
export const stockKey = (productId: string): ItemKey => ({ pk: productPk(productId), sk: sortKeys.stock });
export const movementKey = (productId: string, movementId: string): ItemKey => ({
  pk: productPk(productId),
  sk: `${sortKeys.movementPrefix}${movementId}`,
});
export const listingKey = (productId: string, channel: Channel): ItemKey => ({
  pk: productPk(productId),
  sk: `${sortKeys.listingPrefix}${channel}`,
});
export const eventMarkerKey = (eventId: string): ItemKey => ({ pk: `EVENT#${eventId}`, sk: sortKeys.event });
export const producerProfileKey = (producerId: string): ItemKey => ({
  pk: producerPk(producerId),
  sk: sortKeys.profile,
});
export const channelAccountKey = (producerId: string, channel: Channel): ItemKey => ({
  pk: producerPk(producerId),
  sk: `${sortKeys.channelPrefix}${channel}`,
});
/** Orders live under their shop's channel account: the `CHANNEL#<channel>` sort-key space is the ledger's. */
export const orderKey = (producerId: string, channel: Channel, shopId: string, orderId: string): ItemKey => ({
  pk: producerPk(producerId),
  sk: `${sortKeys.channelPrefix}${channel}#ORDER#${shopId}#${orderId}`,
});

/** gsi1 (byProducer): products and listings of one producer. */
export const byProducer = {
  pk: producerPk,
  productSk: (productId: string) => `PRODUCT#${productId}`,
  listingSk: (channel: Channel, productId: string) => `LISTING#${channel}#${productId}`,
  productPrefix: 'PRODUCT#',
  listingPrefix: 'LISTING#',
} as const;

/** gsi2 (byArea): products by province then district, plus exact lookups (shop, seller SKU, marketplace item). */
export const byArea = {
  pk: (province: string) => `AREA#${keyText(province)}`,
  sk: (district: string, productId: string) => `${keyText(district)}#${productId}`,
  districtPrefix: (district: string) => `${keyText(district)}#`,
  shopPk: (channel: Channel, shopId: string) => `SHOP#${channel}#${shopId}`,
  skuPk: (producerId: string, sku: string) => `SKU#${producerId}#${sku}`,
  itemPk: (channel: Channel, externalItemId: string) => `ITEM#${channel}#${externalItemId}`,
} as const;

/**
 * gsi3 (byExpiry): one partition of live certificates sorted by expiry date. Only active and expiring
 * certificates carry it (sparse), so the sweep's `sk < date` query reads exactly what is due. Certificate
 * changes are rare (tens of thousands a year), far under one GSI partition's write rate, and GSIs have no
 * item-collection size limit, so no date buckets (and no lower bound for a missed sweep) are needed.
 */
export const byExpiry = {
  pk: 'EXPIRY#CERTIFICATE',
  sk: (expiresOn: string, productId: string) => `${expiresOn}#${productId}`,
  /** Upper bound for "expires before `date`": every sk of that day starts with `date#`, and `#` < any id char. */
  before: (date: string) => `${date}#`,
} as const;

/**
 * gsi4 (byReadBack): one partition per channel of the listings live there, ordered for reconciliation. A
 * listing written (synced) after its last check sorts first, oldest write first; the rest follow, least
 * recently checked first. So a run that reads the first N gets "changed since the last run first, then a
 * rolling slice of the rest" with no cursor to keep. Instants are normalised to UTC ISO so they sort as text.
 * One partition per channel takes a write per sync and per check: a province's tens of thousands of listings
 * make a few writes a second, far under a GSI partition's 1,000 writes/s.
 */
export const byReadBack = {
  pk: (channel: Channel) => `READBACK#${channel}`,
  dueSk: (writtenAt: string, productId: string) => `0#${utcIso(writtenAt)}#${productId}`,
  checkedSk: (checkedAt: string, productId: string) => `1#${utcIso(checkedAt)}#${productId}`,
} as const;

/** Reconciliation reports of a channel: one per run (expiring), plus the latest under a fixed key. */
export const reconciliationReportKey = (channel: Channel, finishedAt: string, runId: string): ItemKey => ({
  pk: `RECONCILIATION#${channel}`,
  sk: `REPORT#${utcIso(finishedAt)}#${runId}`,
});
export const latestReconciliationKey = (channel: Channel): ItemKey => ({
  pk: `RECONCILIATION#${channel}`,
  sk: 'LATEST',
});

const utcIso = (instant: string) => new Date(instant).toISOString();

/** A location as a map key inside the stock item, e.g. `showroom#SR-THANHHOA-01`. */
export const locationKey = (location: Location): string => `${location.type}#${location.locationId}`;

export function parseLocationKey(key: string): Location | undefined {
  const [type, locationId, ...rest] = key.split('#');
  if (rest.length > 0 || !locationId || (type !== 'showroom' && type !== 'warehouse')) return undefined;
  return { type, locationId };
}

/** Case-folded NFC text with `%` and `#` escaped, so "Thanh Hóa" and "thanh hóa" share a key and no text splits one. */
export function keyText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLocaleLowerCase('vi')
    .replaceAll('%', '%25')
    .replaceAll('#', '%23');
}
