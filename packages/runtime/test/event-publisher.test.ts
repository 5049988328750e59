import type { EventBridgeClient, PutEventsCommand, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { sources } from '@ocop-sync/domain';
import { describe, expect, it } from 'vitest';
import { createEventPublisher, PublishError } from '../src/event-publisher.js';

// Pure glue: what the publisher hands to PutEvents. A client that accepts every entry and keeps them.
function recordingClient() {
  const sent: PutEventsRequestEntry[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      sent.push(...entries);
      return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'id' })) };
    },
  } as unknown as EventBridgeClient;
  return { client, sent };
}

const linked = {
  detailType: 'ProducerChannelsLinked' as const,
  detail: {
    eventId: 'shop-link.1',
    occurredAt: '2026-11-23T10:00:00+07:00',
    version: 2,
    producer: {
      producerId: 'DN-TH-NEMCHUA',
      name: 'Công ty TNHH Nem chua Thanh Hóa',
      type: 'enterprise' as const,
      area: { province: 'Thanh Hóa', district: 'TP Thanh Hóa' },
    },
    channels: [
      {
        channel: 'lazada' as const,
        shopId: '1000007',
        status: 'linked' as const,
        credentialsSecretName: 'ocop-sync/shops/lazada/1000007',
      },
    ],
  },
};

describe('event publisher sources', () => {
  it('publishes an event under the source the catalogue names for it (routes match on it)', async () => {
    const { client, sent } = recordingClient();
    await createEventPublisher({ client, busName: 'ocop-sync' }).publish([linked]);
    expect(sent.map((entry) => entry.Source)).toEqual([sources.registry]);
  });

  it('refuses a source the catalogue does not allow for that event', async () => {
    const { client, sent } = recordingClient();
    const publisher = createEventPublisher({ client, busName: 'ocop-sync' });
    await expect(publisher.publish([{ ...linked, source: sources.sync }])).rejects.toThrow(PublishError);
    expect(sent).toEqual([]);
  });
});
