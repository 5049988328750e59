import type { Area, Channel, ProducerRef } from '@ocop-sync/domain';
import type { ChannelAccount, Ledger } from '@ocop-sync/ledger';
import type { PublishEntry } from '@ocop-sync/runtime';

type ChannelsLinkedEntry = Extract<PublishEntry, { detailType: 'ProducerChannelsLinked' }>;

/** Who the producer is, as ProducerChannelsLinked must restate it, and the registry version it has reached. */
export interface ProducerProfile {
  producer: ProducerRef & { area: Area };
  version: number;
}

/**
 * The producer's profile from the ledger; a producer whose shops never changed has none yet, and is then
 * known from a certified product (the registry names the producer and area on each one).
 */
export async function producerProfile(
  ledger: Pick<Ledger, 'getProducer' | 'listByProducer'>,
  producerId: string,
): Promise<ProducerProfile | undefined> {
  const stored = await ledger.getProducer(producerId);
  if (stored !== undefined) {
    const { name, type, area, version } = stored;
    return { producer: { producerId, name, type, area }, version };
  }
  const [product] = await ledger.listByProducer(producerId);
  if (product === undefined) return undefined;
  return { producer: { ...product.details.producer, area: product.details.area }, version: 0 };
}

/**
 * ProducerChannelsLinked restating every shop of the producer with one changed (linked or unlinked): the
 * ledger replaces the producer's accounts by version, so the event must carry the others as they are.
 * The version follows the ledger's; `eventId` makes a retried request a duplicate, not a second change.
 */
export function channelsLinkedEntry(input: {
  profile: ProducerProfile;
  accounts: readonly ChannelAccount[];
  change: { channel: Channel; shopId: string; status: 'linked' | 'unlinked'; credentialsSecretName: string };
  eventId: string;
  now: Date;
}): ChannelsLinkedEntry {
  const others = input.accounts
    .filter((account) => account.channel !== input.change.channel)
    .map(({ channel, status, shopId, credentialsSecretName }) => ({
      channel,
      status,
      shopId,
      credentialsSecretName,
    }));
  const detail: ChannelsLinkedEntry['detail'] = {
    eventId: input.eventId,
    occurredAt: input.now.toISOString(),
    version: input.profile.version + 1,
    producer: input.profile.producer,
    channels: [...others, input.change],
  };
  return { detailType: 'ProducerChannelsLinked', detail };
}
