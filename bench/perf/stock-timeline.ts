import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBusClient, publish } from '@ocop-sync/local-stack';
import { portOf } from '../support/request-counter.js';
import { shownStock, startWithListedProducts, withStockSyncWindow } from './listed-products.js';
import { argument, channelsArgument, printHeader, printTable } from './machine.js';
import { showroomReceipt, showroomSale } from './sales.js';

/**
 * Where a showroom sale's stock latency goes: unloaded sales (one at a time, the stack idle in between) with
 * every outgoing HTTP request of the process timed (the handlers run in it), from the PutEvents call to the
 * last marketplace showing the new stock. Prints, per sale, each request's start and end relative to the
 * PutEvents call, and the median per step over the sales.
 */
printHeader('bench/perf/stock-timeline.ts');
const channels = channelsArgument();
const sales = Number(argument('sales') ?? 10);
const window = Number(argument('window') ?? 0);

interface Span {
  label: string;
  start: number;
  end?: number;
}
let spans: Span[] = [];
const labels = new Map<string, string>();
const open = new WeakMap<object, Span>();
subscribe('http.client.request.created', (message) => {
  const request = Reflect.get(Object(message), 'request') as ClientRequest | undefined;
  if (request === undefined) return;
  const target = request.getHeader('x-amz-target');
  const port = String(Reflect.get(Object(request.socket), 'remotePort') ?? request.host.split(':')[1] ?? '');
  const what = typeof target === 'string' ? (target.split('.').pop() ?? target) : request.path.split('?')[0];
  const span: Span = { label: `${labels.get(port) ?? port} ${what}`, start: performance.now() };
  spans.push(span);
  open.set(request, span);
});
subscribe('http.client.response.finish', (message) => {
  const request = Reflect.get(Object(message), 'request') as object | undefined;
  const span = request === undefined ? undefined : open.get(request);
  if (span) span.end = performance.now();
});
subscribe('undici:request:create', (message) => {
  const request = Object(Reflect.get(Object(message), 'request'));
  const origin = String(Reflect.get(request, 'origin'));
  const path = String(Reflect.get(request, 'path')).split('?')[0];
  const span: Span = { label: `${labels.get(portOf(origin)) ?? origin} ${path}`, start: performance.now() };
  spans.push(span);
  open.set(request, span);
});
subscribe('undici:request:headers', (message) => {
  const span = open.get(Object(Reflect.get(Object(message), 'request')));
  if (span) span.end = performance.now();
});

const { stack, workload, shopsOf } = await startWithListedProducts(2, channels, withStockSyncWindow(window));
labels.set(portOf(stack.endpoints.dynamodb), 'DynamoDB');
labels.set(portOf(stack.endpoints.eventBridge), 'EventBridge');
for (const channel of channels) labels.set(portOf(stack.sandboxes[channel].url), channel);
const client = createBusClient(stack.endpoints.eventBridge);
try {
  const productId =
    workload.productIds.find((id) =>
      (shopsOf.get(id) ?? []).every((shop) => shownStock(stack, shop, id) !== undefined),
    ) ?? '';
  const shops = shopsOf.get(productId) ?? [];
  await publish(client, [showroomReceipt(productId, workload.showroomId, `${productId}-restock`, sales)]);
  await stack.whenIdle(60_000);
  const totals: number[] = [];
  const steps = new Map<string, number[]>();
  for (let index = 0; index < sales; index += 1) {
    const target = Math.min(...shops.map((shop) => shownStock(stack, shop, productId) ?? 0)) - 1;
    spans = [];
    const sentAt = performance.now();
    await publish(client, [showroomSale(productId, workload.showroomId, `${productId}-tl-${index}`)]);
    while (!shops.every((shop) => (shownStock(stack, shop, productId) ?? 0) <= target)) await sleep(1);
    const total = performance.now() - sentAt;
    totals.push(total);
    const seen = new Map<string, number>();
    const rows = spans
      .filter((span) => span.start <= sentAt + total)
      .map((span) => {
        const count = (seen.get(span.label) ?? 0) + 1;
        seen.set(span.label, count);
        const key = `${span.label} #${count}`;
        const at = span.start - sentAt;
        steps.set(key, [...(steps.get(key) ?? []), at]);
        return [key, at.toFixed(1), span.end === undefined ? '—' : (span.end - span.start).toFixed(1)];
      });
    if (index === sales - 1) {
      console.log(`last sale: every marketplace showed it after ${total.toFixed(1)} ms`);
      printTable(['request', 'started at (ms)', 'took (ms)'], rows);
    }
    await stack.whenIdle(60_000);
  }
  const median = (values: readonly number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  console.log(
    `\nmedian over ${sales} sales: ${median(totals).toFixed(1)} ms (stock-sync window ${window} s)`,
  );
} finally {
  client.destroy();
  await stack.stop();
}
