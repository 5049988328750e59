import { type Channel, channels } from '@ocop-sync/domain';
import type { LedgerContext } from './context.js';
import {
  channelAccountKey,
  type ItemKey,
  listingKey,
  producerProfileKey,
  productKey,
  stockKey,
} from './keys.js';
import {
  channelAccountRecord,
  listingRecord,
  producerRecord,
  productRecord,
  stockRecord,
} from './records.js';
import { availableFrom, type SettingsCache } from './stock-queries.js';
import { parseItem, type StoredItem } from './store.js';
import type { ChannelAccount, ChannelState, Listing } from './types.js';

/**
 * The product, its listing on `channel` and what the channel may sell, in one request: the items are read
 * together (BatchGetItem, each strongly consistent, as separate GetItems would be) instead of one after the
 * other. With `producerId`, the producer's profile is read with them when its stock settings are not cached;
 * the stock item's own producer decides, as in `availableToSell`, so a wrong hint only costs a read.
 */
export async function getChannelState(
  context: LedgerContext,
  settings: SettingsCache,
  target: { productId: string; channel: Channel; producerId: string | undefined },
): Promise<ChannelState> {
  const { productId, channel, producerId } = target;
  const keys: ItemKey[] = [productKey(productId), listingKey(productId, channel), stockKey(productId)];
  const profileKey =
    producerId === undefined || settings.peek(producerId) !== undefined
      ? undefined
      : producerProfileKey(producerId);
  const [product, listing, stock, profile] = await context.store.getMany(
    profileKey === undefined ? keys : [...keys, profileKey],
  );
  if (producerId !== undefined && profileKey !== undefined)
    settings.keep(producerId, parsed(profileKey, profile, producerRecord));
  const stockItem = parsed(stockKey(productId), stock, stockRecord);
  return {
    product: parsed(productKey(productId), product, productRecord),
    listing: parsed(listingKey(productId, channel), listing, listingRecord),
    available: stockItem === undefined ? undefined : await availableFrom(stockItem, settings.of, channel),
  };
}

/**
 * What the channel plan reads besides the product: its listing and its producer's account on every channel,
 * in one request (BatchGetItem, strongly consistent) rather than a Query of each partition. Channels are a
 * closed list, so the keys are known; both lists come in sort-key order, as those Queries returned them.
 */
export async function getPlanningState(
  context: LedgerContext,
  productId: string,
  producerId: string,
): Promise<{ listings: Listing[]; accounts: ChannelAccount[] }> {
  const byKey = [...channels].sort();
  const listingKeys = byKey.map((channel) => listingKey(productId, channel));
  const accountKeys = byKey.map((channel) => channelAccountKey(producerId, channel));
  const items = await context.store.getMany([...listingKeys, ...accountKeys]);
  const found = <S extends Parameters<typeof parseItem>[2]>(keys: ItemKey[], offset: number, schema: S) =>
    keys.flatMap((key, index) => {
      const item = parsed(key, items[offset + index], schema);
      return item === undefined ? [] : [item];
    });
  return {
    listings: found(listingKeys, 0, listingRecord),
    accounts: found(accountKeys, listingKeys.length, channelAccountRecord),
  };
}

function parsed<S extends Parameters<typeof parseItem>[2]>(
  key: ItemKey,
  item: StoredItem | undefined,
  schema: S,
) {
  return item === undefined ? undefined : parseItem(key, item, schema);
}
