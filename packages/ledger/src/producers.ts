import { type Channel, channels, type EventDetail } from '@ocop-sync/domain';
import { DEFAULT_FULFILMENT_RULE, DEFAULT_PRODUCER_SETTINGS } from './constants.js';
import type { LedgerContext } from './context.js';
import { eventMarkerPut, putAtRevision } from './idempotency.js';
import { byArea, channelAccountKey, eventMarkerKey, producerPk, producerProfileKey } from './keys.js';
import {
  type ChannelAccountRecord,
  channelAccountRecord,
  type ProducerRecord,
  producerRecord,
} from './records.js';
import { conflict, retryOnConflict } from './retry.js';
import { parseItem, type StoredItem } from './store.js';
import { ledgerTable } from './table-definition.js';
import type { FulfilmentInput, Producer, ProducerChangeResult } from './types.js';

const { byArea: areaIndex } = ledgerTable.indexes;

/** Stores a producer's profile, settings and channel accounts (secret names only, never tokens). */
export async function linkChannels(
  context: LedgerContext,
  detail: EventDetail<'ProducerChannelsLinked'>,
): Promise<ProducerChangeResult> {
  const { producerId } = detail.producer;
  return retryOnConflict('ProducerChannelsLinked', context, async () => {
    const [stored, marker] = await context.store.transactGet([
      producerProfileKey(producerId),
      eventMarkerKey(detail.eventId),
    ]);
    const current =
      stored === undefined ? undefined : parseItem(producerProfileKey(producerId), stored, producerRecord);
    if (marker !== undefined) return { outcome: 'duplicate', producer: current };
    if (current !== undefined && detail.version <= current.version)
      return { outcome: 'stale', producer: current };
    const now = context.now();
    const producer = nextProfile(current, detail, now.toISOString());
    const channels = detail.channels.map((account) => ({ ...account, producerId, version: detail.version }));
    const { tableName } = context.store;
    const written = await context.store.transactWrite([
      eventMarkerPut(tableName, detail.eventId, 'ProducerChannelsLinked', now),
      putAtRevision(tableName, profileItem(producer), 'revision', current?.revision),
      ...channels.map((account) => ({ Put: { TableName: tableName, Item: channelItem(account) } })),
    ]);
    if (written.ok) return { outcome: 'applied', producer, channels };
    return written.codes[0] === 'ConditionalCheckFailed'
      ? { outcome: 'duplicate', producer: current }
      : conflict;
  });
}

function nextProfile(
  current: ProducerRecord | undefined,
  detail: EventDetail<'ProducerChannelsLinked'>,
  now: string,
): ProducerRecord {
  const { producerId, name, type, area } = detail.producer;
  const settings = detail.settings ?? current ?? DEFAULT_PRODUCER_SETTINGS;
  return {
    producerId,
    name,
    type,
    area,
    stockLowThreshold: settings.stockLowThreshold,
    safetyBuffer: settings.safetyBuffer,
    fulfilment: current?.fulfilment ?? { default: DEFAULT_FULFILMENT_RULE, channels: {} },
    version: detail.version,
    revision: (current?.revision ?? 0) + 1,
    updatedAt: now,
  };
}

/** Sets which locations serve marketplace orders (an operator setting; no registry event carries it). */
export async function setFulfilment(
  context: LedgerContext,
  input: FulfilmentInput,
): Promise<{ outcome: 'applied'; producer: Producer } | { outcome: 'rejected'; reason: 'unknown-producer' }> {
  return retryOnConflict('setFulfilment', context, async () => {
    const current = await context.store.get(producerProfileKey(input.producerId), producerRecord);
    if (current === undefined) return { outcome: 'rejected', reason: 'unknown-producer' };
    const producer: ProducerRecord = {
      ...current,
      fulfilment: {
        default: input.default ?? current.fulfilment.default,
        channels: input.channels ?? current.fulfilment.channels,
      },
      revision: current.revision + 1,
      updatedAt: context.now().toISOString(),
    };
    const item = putAtRevision(context.store.tableName, profileItem(producer), 'revision', current.revision);
    const written = await context.store.transactWrite([item]);
    return written.ok ? { outcome: 'applied', producer } : conflict;
  });
}

export function getProducer(context: LedgerContext, producerId: string): Promise<Producer | undefined> {
  return context.store.get(producerProfileKey(producerId), producerRecord);
}

/**
 * The producer's account on each channel, read by key (one BatchGetItem, strongly consistent): a Query of the
 * `CHANNEL#` prefix would also read every order the producer ever took, which share it and never expire.
 */
export async function listChannelAccounts(
  context: LedgerContext,
  producerId: string,
): Promise<ChannelAccountRecord[]> {
  // Sort-key order, as a Query of the prefix returned them.
  const keys = [...channels].sort().map((channel) => channelAccountKey(producerId, channel));
  const items = await context.store.getMany(keys);
  return items.flatMap((item, index) => {
    const key = keys[index];
    return item === undefined || key === undefined ? [] : [parseItem(key, item, channelAccountRecord)];
  });
}

/** The producer's account on one channel (linked or unlinked), or undefined when it never linked one. */
export function getChannelAccount(
  context: LedgerContext,
  producerId: string,
  channel: Channel,
): Promise<ChannelAccountRecord | undefined> {
  return context.store.get(channelAccountKey(producerId, channel), channelAccountRecord);
}

function profileItem(producer: ProducerRecord): StoredItem {
  return { ...producerProfileKey(producer.producerId), entity: 'producer', ...producer };
}

function channelItem(account: ChannelAccountRecord): StoredItem {
  return {
    ...channelAccountKey(account.producerId, account.channel),
    entity: 'channel-account',
    ...account,
    [areaIndex.partitionKey]: byArea.shopPk(account.channel, account.shopId),
    [areaIndex.sortKey]: producerPk(account.producerId),
  };
}
