import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type Channel, normalizeText, vietnamDate } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import {
  createBusClient,
  createDemoShops,
  type DemoShop,
  type LocalStack,
  loadSamples,
  type ProducerReceiver,
  publish,
  registerProducerEndpoints,
  type SampleEvent,
  startLocalStack,
  startProducerReceiver,
} from '@ocop-sync/local-stack';
import type { SandboxItem } from '@ocop-sync/sandboxes';

/** How long one step may take to settle (every queue drained, retries included). */
const SETTLE_MS = 60_000;

/** The whole system on this machine, producers' shops linked and their webhook receiver listening. */
export interface Journey {
  readonly stack: LocalStack;
  readonly receiver: ProducerReceiver;
  readonly ledger: Ledger;
  readonly shops: readonly DemoShop[];
  /** PutEvents through the real EventBridge client, every entry accepted, then wait until all is settled. */
  send(events: readonly SampleEvent[]): Promise<void>;
  /** What a producer's shop on a channel holds for a seller SKU (the marketplace's own view). */
  itemsOf(producerId: string, channel: Channel, sellerSku: string): SandboxItem[];
  shopOf(producerId: string, channel: Channel): DemoShop | undefined;
  /** The channels a producer linked. */
  channelsOf(producerId: string): Channel[];
  /** Settles after something that did not go through `send` (a push, a schedule). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the local stack, creates the sample producers' sandbox shops, registers one webhook endpoint per
 * producer at a receiver that verifies signatures with the `standardwebhooks` library, and publishes the
 * channel links.
 */
export async function startJourney(options: { retryDelaySeconds?: number } = {}): Promise<Journey> {
  const stack = await startLocalStack({ quiet: true, retryDelaySeconds: options.retryDelaySeconds ?? 0.2 });
  let receiver: ProducerReceiver | undefined;
  let client: EventBridgeClient | undefined;
  try {
    receiver = await startProducerReceiver();
    const started = receiver;
    const bus = createBusClient(stack.endpoints.eventBridge);
    client = bus;
    const { events: links, shops } = await createDemoShops(
      loadSamples('registry/producer-channels-linked.json'),
      stack.sandboxes,
      { client: stack.dynamodb, tableName: stack.tableName },
    );
    await registerProducerEndpoints(stack, started, [...new Set(shops.map((shop) => shop.producerId))]);
    const settle = () => stack.whenIdle(SETTLE_MS);
    const send = async (events: readonly SampleEvent[]) => {
      const outcome = await publish(bus, events);
      if (outcome.refused.length > 0) throw new Error(`bus refused: ${JSON.stringify(outcome.refused)}`);
      await settle();
    };
    await send(links);
    const shopOf = (producerId: string, channel: Channel) =>
      shops.find((shop) => shop.producerId === producerId && shop.channel === channel);
    return {
      stack,
      receiver: started,
      ledger: createLedger({ client: stack.dynamodb, tableName: stack.tableName }),
      shops,
      send,
      settle,
      shopOf,
      channelsOf: (producerId) =>
        shops.filter((shop) => shop.producerId === producerId).map((shop) => shop.channel),
      itemsOf: (producerId, channel, sellerSku) => {
        const shop = shopOf(producerId, channel);
        if (shop === undefined) return [];
        return stack.sandboxes[channel].listItems(shop.shopId).filter((item) => item.sellerSku === sellerSku);
      },
      async stop() {
        bus.destroy();
        await started.close();
        await stack.stop();
      },
    };
  } catch (error) {
    client?.destroy();
    await receiver?.close();
    await stack.stop();
    throw error;
  }
}

/** The month in Vietnam (the season rule's clock). */
export const monthInVietnam = (at = new Date()): number => Number(vietnamDate(at).slice(5, 7));

/** Titles compare in NFC: a marketplace must show the same letters whatever normalisation arrived. */
export const nfc = (text: string): string => normalizeText(text);

/**
 * What the system holds for some products, in the ledger and on every marketplace, without the bookkeeping
 * that legitimately moves on a re-run (revisions, timestamps): two runs that did the same thing compare equal.
 */
export async function snapshotOf(journey: Journey, productIds: readonly string[]): Promise<unknown> {
  const ledger = [];
  for (const productId of productIds) {
    const product = await journey.ledger.getProduct(productId);
    const stock = await journey.ledger.getStock(productId);
    const listings = (await journey.ledger.listListings(productId)).map((listing) => ({
      channel: listing.channel,
      status: listing.status,
      externalItemId: listing.synced?.externalItemId,
      failure: listing.failure?.code,
    }));
    ledger.push({
      productId,
      status: product?.status,
      certificate: product?.certificate,
      levels: stock?.levels,
      reserved: stock?.reserved,
      listings: listings.sort((a, b) => a.channel.localeCompare(b.channel)),
    });
  }
  const marketplaces = journey.shops.map((shop) => ({
    channel: shop.channel,
    shop: shop.shopId,
    items: journey.stack.sandboxes[shop.channel]
      .listItems(shop.shopId)
      .filter((item) => productIds.includes(item.sellerSku))
      .map((item) => ({
        id: item.externalItemId,
        sku: item.sellerSku,
        title: item.title,
        price: item.price,
        stock: item.stock,
        status: item.status,
      })),
  }));
  return { ledger, marketplaces };
}
