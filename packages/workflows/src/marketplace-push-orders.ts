import { type Channel, formatIssues, parseDetail } from '@ocop-sync/domain';
import {
  type AdapterOptions,
  MarketplaceError,
  type MarketplaceOrder,
  PermanentError,
} from '@ocop-sync/marketplaces';
import type { AwsClients, FunctionEnvironment, PublishEntry } from '@ocop-sync/runtime';
import type { OrderToFetch } from './marketplace-push-mapping.js';
import { type ChannelWiring, createChannelAdapter } from './marketplace-wiring.js';
import { createShopLookup } from './producer-notifier.js';

/** What the marketplace says about an order named by a push. */
export type OrderRead =
  | { kind: 'found'; order: MarketplaceOrder }
  | { kind: 'unknown-shop' }
  | { kind: 'unknown-order' };

/** Reads an order's lines with the account of the shop that sold it. */
export type ReadOrder = (order: Pick<OrderToFetch, 'channel' | 'shopId' | 'orderId'>) => Promise<OrderRead>;

/**
 * How long a push waits for the order's lines. Short: the marketplace is waiting for our answer (Lazada asks
 * for one within 500 ms, research §2.7) and re-sends the push if we fail, which the ledger absorbs.
 */
export const ORDER_FETCH_TIMEOUT_MS = 3_000;

/** The adapter's own budget inside that bound: one quick retry, never the queue consumers' 20 s. */
const webhookAdapterOptions: Partial<AdapterOptions> = {
  timeoutMs: 2_000,
  retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 300, budgetMs: 2_500 },
};

/** What reading a placed order comes to; `retry` is answered with a 5xx so the marketplace re-sends. */
export type FetchedOrder =
  | { kind: 'events'; entries: PublishEntry[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'retry'; reason: string };

class OrderFetchTimeout extends Error {
  constructor(ms: number) {
    super(`the order detail did not come within ${ms} ms`);
    this.name = 'OrderFetchTimeout';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OrderFetchTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reads a placed order's lines and turns them into MarketplaceOrderPlaced. An outage, a timeout or a shop
 * whose token needs a human is `retry`: the marketplace re-sends the push (Shopee re-sends anything not answered
 * 2xx, SHP-GUIDE 18 via research §1.7; Lazada's trade-order push is retried 12 times, 30 min apart, "when client
 * failed to response", LAZ-GUIDE webhook-apis/webhook-api-trade-order-notifications); so is an order the
 * marketplace does not show yet. A refusal that retrying cannot change, a shop no producer linked, or lines that
 * are not ours are `ignored`. Lazada pushes once per order line (`trade_order_line_id`): each push reads the whole
 * order, and the ledger reserves an order id once.
 */
export async function fetchPlacedOrder(
  read: ReadOrder,
  wanted: OrderToFetch,
  timeoutMs = ORDER_FETCH_TIMEOUT_MS,
): Promise<FetchedOrder> {
  const { channel, shopId, orderId, placedAt } = wanted;
  let result: OrderRead;
  try {
    result = await withTimeout(read(wanted), timeoutMs);
  } catch (error) {
    if (error instanceof PermanentError)
      return ignored(`${channel} refused the order detail (${error.code})`);
    return { kind: 'retry', reason: failureName(error) };
  }
  if (result.kind === 'unknown-shop') return ignored(`no producer linked ${channel} shop ${shopId}`);
  if (result.kind === 'unknown-order')
    return { kind: 'retry', reason: `${channel} does not show the order yet` };
  const detail = { channel, shopId, orderId, placedAt, lines: result.order.lines };
  const parsed = parseDetail('MarketplaceOrderPlaced', detail);
  if (!parsed.ok) return ignored(`order lines not publishable: ${formatIssues(parsed.issues)}`);
  return {
    kind: 'events',
    entries: [{ detailType: 'MarketplaceOrderPlaced', detail, source: `marketplace.${channel}` }],
  };
}

const ignored = (reason: string): FetchedOrder => ({ kind: 'ignored', reason });

/** For the log: the error's type and the marketplace's code, never its message (it may echo request data). */
function failureName(error: unknown): string {
  if (error instanceof MarketplaceError) return `${error.name} (${error.code})`;
  return error instanceof Error ? error.name : 'order detail failed';
}

/**
 * The webhook's order reader: shop id → producer (the ledger's shop index) → the producer's linked account on
 * that channel (tokens from Secrets Manager) → the channel adapter's `getOrder`. Built once per cold start;
 * each channel's adapter is built on its first order.
 *
 * @example
 * const readOrder = createOrderReader(config, clients);
 * const read = await readOrder({ channel: 'shopee', shopId: '322300001', orderId: '2511230001SP' });
 */
export function createOrderReader(
  config: FunctionEnvironment,
  clients: AwsClients,
  options: Partial<AdapterOptions> = {},
): ReadOrder {
  const producerOfShop = createShopLookup(clients.dynamodb, config.LEDGER_TABLE_NAME);
  const wirings = new Map<Channel, ChannelWiring>();
  const wiringFor = (channel: Channel): ChannelWiring => {
    const known = wirings.get(channel);
    if (known !== undefined) return known;
    const built = createChannelAdapter(config, clients, channel, { ...webhookAdapterOptions, ...options });
    wirings.set(channel, built);
    return built;
  };
  return async ({ channel, shopId, orderId }) => {
    const producerId = await producerOfShop(channel, shopId);
    if (producerId === undefined) return { kind: 'unknown-shop' };
    const wiring = wiringFor(channel);
    const account = await wiring.accountFor(producerId, channel);
    if (account === undefined || account.shopId !== shopId) return { kind: 'unknown-shop' };
    const order = await wiring.adapter.getOrder(account, orderId);
    return order === undefined ? { kind: 'unknown-order' } : { kind: 'found', order };
  };
}
