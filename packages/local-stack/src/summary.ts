import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { isInSeason, unshippableGroups, vietnamDate } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import type { ItemStatus } from '@ocop-sync/sandboxes';
import { HANDLER_LOAD_FAILED, PLACEHOLDER_MARKER } from './constants.js';
import type { LocalStack } from './local-stack.js';
import type { ProducerReceiver } from './producer-receiver.js';
import type { PublishOutcome } from './publisher.js';
import { type CertifiedProduct, certifiedProductsOf, type SampleEvent } from './samples.js';
import type { DemoShop } from './shops.js';

export interface PhaseOutcome extends PublishOutcome {
  readonly phase: string;
}

/** The three user journeys, each checked against what the sandboxes, the ledger and the receiver hold. */
export interface JourneyOutcomes {
  readonly listing: {
    /** (product, channel) pairs that should be live: certified, shippable, in season, on a linked channel. */
    readonly expected: number;
    readonly live: number;
    readonly missing: readonly string[];
    /** Items of tourism services found on any marketplace (must be 0). */
    readonly servicesListed: number;
    /** Products revoked in the demo still live somewhere (must be 0). */
    readonly revokedStillLive: number;
  };
  readonly stock: {
    /** Live listings whose marketplace stock was compared with the ledger's available-to-sell figure. */
    readonly checked: number;
    readonly mismatches: readonly string[];
  };
  readonly webhooks: {
    readonly received: number;
    readonly verified: number;
    readonly byType: ReadonlyArray<{ readonly type: string; readonly count: number }>;
  };
}

export interface DemoSummary {
  readonly published: readonly PhaseOutcome[];
  readonly journeys: JourneyOutcomes;
  /** What each marketplace sandbox holds for the demo's shops (the marketplaces' own view). */
  readonly listings: ReadonlyArray<{
    readonly channel: DemoShop['channel'];
    readonly producerName: string;
    readonly items: ReadonlyArray<{
      readonly title: string;
      readonly status: ItemStatus;
      readonly stock: number;
    }>;
  }>;
  /** Listings as the ledger records them, per channel and status, with why the failed ones failed. */
  readonly ledgerListings: ReadonlyArray<{
    readonly channel: string;
    readonly status: string;
    readonly count: number;
    readonly failures: readonly string[];
  }>;
  /** Products the ledger knows, with their certificate status. */
  readonly products: ReadonlyArray<{
    readonly productId: string;
    readonly name: string;
    readonly status: string;
  }>;
  /** Stock per showroom and warehouse, from the ledger. */
  readonly stock: ReadonlyArray<{
    readonly location: string;
    readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
  }>;
  readonly webhooks: { readonly messages: number; readonly deliveries: number };
  /** Everything parked in a dead-letter queue, by route, with why. */
  readonly deadLetters: ReadonlyArray<{
    readonly route: string;
    readonly count: number;
    readonly reasons: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
    readonly handlerNotImplemented: boolean;
  }>;
}

/** Collects the outcome of a run from the sandboxes, the ledger and the dead-letter queues. */
export async function collectSummary(
  stack: LocalStack,
  input: {
    published: readonly PhaseOutcome[];
    shops: readonly DemoShop[];
    certifications: readonly SampleEvent[];
    receiver: ProducerReceiver;
    revoked: readonly string[];
  },
): Promise<DemoSummary> {
  const certified = certifiedProductsOf(input.certifications);
  const productIds = certified.map((product) => product.productId);
  const listings = input.shops.map((shop) => ({
    channel: shop.channel,
    producerName: shop.producerName,
    items: stack.sandboxes[shop.channel]
      .listItems(shop.shopId)
      .map((item) => ({ title: item.title, status: item.status, stock: item.stock })),
  }));
  const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
  const products = [];
  const byLocation = new Map<string, Array<{ productId: string; quantity: number }>>();
  const listingGroups = new Map<
    string,
    { channel: string; status: string; count: number; failures: string[] }
  >();
  for (const productId of productIds) {
    for (const listing of await ledger.listListings(productId)) {
      const key = `${listing.channel} ${listing.status}`;
      const group = listingGroups.get(key) ?? {
        channel: listing.channel,
        status: listing.status,
        count: 0,
        failures: [],
      };
      group.count += 1;
      if (listing.failure)
        group.failures.push(`${productId}: ${listing.failure.code} (${listing.failure.message.en})`);
      listingGroups.set(key, group);
    }
    const product = await ledger.getProduct(productId);
    if (product) products.push({ productId, name: product.details.name, status: product.status });
    const stock = await ledger.getStock(productId);
    for (const level of stock?.levels ?? []) {
      const key = `${level.location.type} ${level.location.locationId}`;
      byLocation.set(key, [...(byLocation.get(key) ?? []), { productId, quantity: level.quantity }]);
    }
  }
  const stock = [...byLocation]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([location, items]) => ({ location, items }));
  return {
    published: input.published,
    journeys: await checkJourneys(stack, ledger, { ...input, certified }),
    listings,
    ledgerListings: [...listingGroups.values()],
    products,
    stock,
    webhooks: await countWebhooks(stack),
    deadLetters: collectDeadLetters(stack),
  };
}

function collectDeadLetters(stack: LocalStack): DemoSummary['deadLetters'] {
  return stack.routes.flatMap((running) => {
    const parked = running.deadLetterQueue.peek(1000);
    if (parked.length === 0) return [];
    const reasons = new Map<string, number>();
    for (const message of parked) {
      const type = message.messageAttributes['ocop-error-type']?.stringValue;
      const detail = message.messageAttributes['ocop-error-message']?.stringValue;
      const reason = type ? `${type}: ${detail ?? ''}` : (message.lastError ?? 'no reason recorded');
      const firstLine = reason.split('\n')[0] ?? reason;
      reasons.set(firstLine, (reasons.get(firstLine) ?? 0) + 1);
    }
    const list = [...reasons].map(([reason, count]) => ({ reason, count }));
    return [
      {
        route: running.route.name,
        count: parked.length,
        reasons: list,
        handlerNotImplemented: list.some(
          (entry) => entry.reason.includes(PLACEHOLDER_MARKER) || entry.reason.includes(HANDLER_LOAD_FAILED),
        ),
      },
    ];
  });
}

/** Producer webhooks are recorded in the ledger table (`WEBHOOK-MSG#…` / `MESSAGE` and `DELIVERY#…`). */
async function countWebhooks(stack: LocalStack): Promise<DemoSummary['webhooks']> {
  let messages = 0;
  let deliveries = 0;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.dynamodb.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'begins_with(pk, :message)',
        ExpressionAttributeValues: { ':message': { S: 'WEBHOOK-MSG#' } },
        ProjectionExpression: 'sk',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = item.sk?.S ?? '';
      if (sk === 'MESSAGE') messages += 1;
      else if (sk.startsWith('DELIVERY#')) deliveries += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { messages, deliveries };
}

async function checkJourneys(
  stack: LocalStack,
  ledger: Ledger,
  input: {
    shops: readonly DemoShop[];
    certified: readonly CertifiedProduct[];
    receiver: ProducerReceiver;
    revoked: readonly string[];
  },
): Promise<JourneyOutcomes> {
  const itemsOf = (shop: DemoShop, productId: string) =>
    stack.sandboxes[shop.channel].listItems(shop.shopId).filter((item) => item.sellerSku === productId);
  const month = Number(vietnamDate(new Date()).slice(5, 7));
  let expected = 0;
  let live = 0;
  let servicesListed = 0;
  let revokedStillLive = 0;
  const missing: string[] = [];
  let checked = 0;
  const mismatches: string[] = [];
  for (const product of input.certified) {
    const shops = input.shops.filter((shop) => shop.producerId === product.producer.producerId);
    const service = (unshippableGroups as ReadonlySet<string>).has(product.group);
    const revoked = input.revoked.includes(product.productId);
    for (const shop of shops) {
      const items = itemsOf(shop, product.productId);
      const isLive = items.some((item) => item.status === 'live');
      if (service) servicesListed += items.length;
      else if (revoked) revokedStillLive += isLive ? 1 : 0;
      else if (isInSeason(product.seasonWindows, month)) {
        expected += 1;
        if (isLive) live += 1;
        else missing.push(`${product.productId} on ${shop.channel}`);
      }
      const item = items.find((candidate) => candidate.status === 'live');
      const desired =
        item === undefined
          ? undefined
          : ((await ledger.availableToSell(product.productId, shop.channel))?.available ?? 0);
      if (item !== undefined && desired !== undefined) {
        checked += 1;
        if (item.stock !== desired)
          mismatches.push(`${product.productId} on ${shop.channel}: ${item.stock} shown, ledger ${desired}`);
      }
    }
  }
  const received = input.receiver.received();
  const byType = new Map<string, number>();
  for (const message of received) byType.set(message.type, (byType.get(message.type) ?? 0) + 1);
  return {
    listing: { expected, live, missing, servicesListed, revokedStillLive },
    stock: { checked, mismatches },
    webhooks: {
      received: received.length,
      verified: received.filter((message) => message.verified).length,
      byType: [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => ({ type, count })),
    },
  };
}
