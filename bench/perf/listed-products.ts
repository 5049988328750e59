import type { Channel } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { type DemoShop, type LocalStack, type SampleEvent, startLocalStack } from '@ocop-sync/local-stack';
import { type Route, routingTable } from '@ocop-sync/routing';
import { runWorkload } from '../chaos/run-workload.js';
import { createWorkload, type Workload } from '../chaos/workload.js';
import { benchRoutes } from './routes.js';

export interface ListedProducts {
  readonly stack: LocalStack;
  readonly workload: Workload;
  /** Per product, its shop on every channel (one product per producer, so a shop names its product). */
  readonly shopsOf: ReadonlyMap<string, ReadonlyArray<DemoShop>>;
}

/** The routing table with stock-sync's batching window replaced (the table's own is 1 s). */
export function withStockSyncWindow(seconds: number): Route[] {
  return benchRoutes(routingTable).map((route) =>
    route.kind === 'queue' && route.handler === 'stock-sync'
      ? { ...route, queue: { ...route.queue, maximumBatchingWindowSeconds: seconds } }
      : route,
  );
}

/**
 * A stack with `products` products certified, listed on every given channel (each producer links them
 * all) and stocked: the starting point of the stock benchmarks.
 */
export async function startWithListedProducts(
  products: number,
  channels: readonly Channel[],
  routes: readonly Route[],
): Promise<ListedProducts> {
  const stack = await startLocalStack({ quiet: true, retryDelaySeconds: 1, routes });
  const workload = createWorkload({
    seed: 7,
    products,
    productsPerProducer: 1,
    salesPerProduct: 0,
    channels,
    prefix: 'LAT',
  });
  // Every producer on every channel: the generator rotates channel sets, so give each one all of them.
  const links = workload.links.map((event) => allChannels(event, channels));
  const run = await runWorkload(
    stack,
    { ...workload, links },
    { phases: ['links', 'certifications', 'receipts'] },
  );
  const shopsOf = new Map<string, DemoShop[]>();
  const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
  for (const productId of workload.productIds) {
    const product = await ledger.getProduct(productId);
    shopsOf.set(
      productId,
      run.shops.filter((shop) => shop.producerId === product?.producerId),
    );
  }
  return { stack, workload, shopsOf };
}

function allChannels(event: SampleEvent, channels: readonly Channel[]): SampleEvent {
  const producerId = String(Reflect.get(Object(event.detail.producer), 'producerId'));
  return {
    ...event,
    detail: {
      ...event.detail,
      channels: channels.map((channel) => ({
        channel,
        status: 'linked',
        shopId: `${channel}-${producerId}`.toLowerCase(),
        credentialsSecretName: `ocop-sync/shops/${channel}/${producerId}`,
      })),
    },
  };
}

/** The stock a shop shows for a product (its only item), or undefined before it is listed. */
export function shownStock(stack: LocalStack, shop: DemoShop, productId: string): number | undefined {
  return stack.sandboxes[shop.channel].listItems(shop.shopId).find((item) => item.sellerSku === productId)
    ?.stock;
}
