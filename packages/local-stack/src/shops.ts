import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SandboxShop } from '@ocop-sync/sandboxes';
import { z } from 'zod';
import type { LocalSandboxes } from './environment.js';
import type { SampleEvent } from './samples.js';

const linkedChannels = z.object({
  producer: z.object({ producerId: z.string(), name: z.string() }),
  channels: z.array(
    z.looseObject({
      channel: z.enum(['shopee', 'lazada', 'postmart']),
      shopId: z.string(),
      credentialsSecretName: z.string(),
    }),
  ),
});

export interface DemoShop {
  readonly producerId: string;
  readonly producerName: string;
  readonly channel: 'shopee' | 'lazada' | 'postmart';
  /** The shop id in the sample data, and the sandbox's id that replaces it. */
  readonly sampleShopId: string;
  readonly shopId: string;
}

/**
 * Creates a sandbox shop for every producer-channel of the ProducerChannelsLinked samples, seeds its tokens
 * where listing-sync and stock-sync read them in local mode (the ledger table, `LOCAL-SECRET#<secret name>` /
 * `SECRET`, as `createLedgerTokenStore` in @ocop-sync/workflows reads it), and returns the events with the
 * sandboxes' shop ids in place of the samples'.
 */
export async function createDemoShops(
  events: readonly SampleEvent[],
  sandboxes: LocalSandboxes,
  seed: { client: DynamoDBClient; tableName: string },
): Promise<{ events: SampleEvent[]; shops: DemoShop[] }> {
  const shops: DemoShop[] = [];
  const rewritten: SampleEvent[] = [];
  for (const event of events) {
    const detail = linkedChannels.parse(event.detail);
    const channels = [];
    for (const link of detail.channels) {
      const shop = await sandboxes[link.channel].createShop({ name: detail.producer.name });
      await seedTokens(seed, link.credentialsSecretName, shop);
      shops.push({
        producerId: detail.producer.producerId,
        producerName: detail.producer.name,
        channel: link.channel,
        sampleShopId: link.shopId,
        shopId: shop.shopId,
      });
      channels.push({ ...link, shopId: shop.shopId });
    }
    rewritten.push({ ...event, detail: { ...event.detail, channels } });
  }
  return { events: rewritten, shops };
}

/** Orders name the shop they were placed in: point them at the sandbox shops. */
export function rewriteShopIds(events: readonly SampleEvent[], shops: readonly DemoShop[]): SampleEvent[] {
  return events.map((event) => {
    const shop = shops.find(
      (candidate) =>
        candidate.sampleShopId === event.detail.shopId && candidate.channel === event.detail.channel,
    );
    return shop ? { ...event, detail: { ...event.detail, shopId: shop.shopId } } : event;
  });
}

async function seedTokens(
  seed: { client: DynamoDBClient; tableName: string },
  secretName: string,
  shop: SandboxShop,
): Promise<void> {
  // Postmart's proposal has no shop tokens (requests are signed with the app's secret): nothing to seed.
  if (shop.accessToken === '') return;
  const value = {
    accessToken: shop.accessToken,
    refreshToken: shop.refreshToken,
    accessExpiresAt: shop.accessTokenExpiresAt,
    refreshExpiresAt: shop.refreshTokenExpiresAt,
  };
  await seed.client.send(
    new PutItemCommand({
      TableName: seed.tableName,
      Item: {
        pk: { S: `LOCAL-SECRET#${secretName}` },
        sk: { S: 'SECRET' },
        value: { S: JSON.stringify(value) },
      },
    }),
  );
}
