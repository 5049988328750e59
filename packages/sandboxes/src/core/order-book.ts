import { UnknownItemError } from '../errors.js';
import type { Catalogue } from './catalogue.js';
import type { PushData } from './schemas.js';

/** One line of a sandbox order: a seller SKU of the shop's catalogue and how many units were bought. */
export interface SandboxOrderLine {
  readonly sellerSku: string;
  readonly quantity: number;
}

export interface SandboxOrder {
  readonly shopId: string;
  readonly orderId: string;
  /** The marketplace's own status word (`UNPAID`, `unpaid`, `CANCELLED`, `canceled` …). */
  status: string;
  readonly lines: readonly SandboxOrderLine[];
  readonly createdAt: number;
  updatedAt: number;
}

/**
 * The lines a push request names: `lines`, or the single `sellerSku` (+ `quantity`, default 1) that Postmart's
 * push already carries; `undefined` when it names none (the order is then pushed but not recorded).
 */
export function linesOf(data: PushData): SandboxOrderLine[] | undefined {
  if (data.lines !== undefined) return data.lines.map((line) => ({ ...line }));
  if (data.sellerSku !== undefined) return [{ sellerSku: data.sellerSku, quantity: data.quantity ?? 1 }];
  return undefined;
}

/**
 * Orders placed through the sandbox's pushes, so the order-detail endpoints can serve their lines. Every
 * seller SKU must be a live SKU of the shop's catalogue: a marketplace only sells what is listed.
 */
export class OrderBook {
  readonly #orders = new Map<string, SandboxOrder>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly now: () => number,
  ) {}

  /** Records (or re-records, as a re-sent push would) an order; throws UnknownItemError for an unlisted SKU. */
  place(shopId: string, orderId: string, status: string, lines: readonly SandboxOrderLine[]): SandboxOrder {
    const unknown = lines.find((line) => !this.catalogue.sellerSkuTaken(shopId, line.sellerSku));
    if (unknown !== undefined) throw new UnknownItemError(shopId, unknown.sellerSku);
    const at = this.now();
    const order: SandboxOrder = { shopId, orderId, status, lines: [...lines], createdAt: at, updatedAt: at };
    this.#orders.set(keyOf(shopId, orderId), order);
    return order;
  }

  /** Moves a known order to a new status (a cancellation push); unknown orders are left alone. */
  setStatus(shopId: string, orderId: string, status: string): void {
    const order = this.#orders.get(keyOf(shopId, orderId));
    if (order === undefined) return;
    order.status = status;
    order.updatedAt = this.now();
  }

  /** The shop's order, or undefined: another shop's order is not found either. */
  get(shopId: string, orderId: string): SandboxOrder | undefined {
    return this.#orders.get(keyOf(shopId, orderId));
  }

  clear(): void {
    this.#orders.clear();
  }
}

const keyOf = (shopId: string, orderId: string) => `${shopId}\u0000${orderId}`;

/**
 * What an order push does to the order book: `order.placed` records the order when the request names its
 * lines (throwing before anything is sent if a SKU is not listed), `order.cancelled` moves it to `status`.
 */
export function recordPushedOrder(
  orders: OrderBook,
  push: { kind: 'order.placed' | 'order.cancelled'; data: PushData; orderId: string; status: string },
): void {
  const { kind, data, orderId, status } = push;
  if (kind === 'order.cancelled') {
    orders.setStatus(data.shopId, orderId, status);
    return;
  }
  const lines = linesOf(data);
  if (lines !== undefined) orders.place(data.shopId, orderId, status, lines);
}
