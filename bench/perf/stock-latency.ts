import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel } from '@ocop-sync/domain';
import { createBusClient, publish } from '@ocop-sync/local-stack';
import { routingTable } from '@ocop-sync/routing';
import { shownStock, startWithListedProducts, withStockSyncWindow } from './listed-products.js';
import { argument, channelsArgument, percentile, printHeader, printTable } from './machine.js';
import { showroomReceipt, showroomSale } from './sales.js';

/**
 * Stock latency: a stream of showroom sales (one unit each, round-robin over listed products); for each,
 * the time from the PutEvents call to every marketplace showing the lowered stock. The sandboxes add no
 * latency of their own here (no `latencyMs` fault), so the figure is what the system adds, plus their
 * in-process handling of the stock call. Measured with stock-sync's batching window as the routing table
 * sets it (1 s: coalescing bursts is its purpose) and with 0 s.
 */
printHeader('bench/perf/stock-latency.ts');
const channels = channelsArgument();
const sales = Number(argument('sales') ?? 200);
const products = Number(argument('products') ?? 10);
const intervalMs = Number(argument('interval-ms') ?? 25);
const stockSyncRoute = routingTable.find((route) => route.name === `stock-sync-${channels[0] ?? 'postmart'}`);
const tableWindow = stockSyncRoute?.kind === 'queue' ? stockSyncRoute.queue.maximumBatchingWindowSeconds : 1;

const rows: (string | number)[][] = [];
for (const window of [tableWindow, 0]) {
  const latencies = await measure(window, channels);
  const sorted = [...latencies].sort((a, b) => a - b);
  rows.push([
    `${window} s${window === tableWindow ? ' (routing table)' : ''}`,
    sorted.length,
    percentile(sorted, 0.5).toFixed(1),
    percentile(sorted, 0.99).toFixed(1),
    (sorted.at(-1) ?? Number.NaN).toFixed(1),
  ]);
}
console.log(
  `${sales} sales, one every ${intervalMs} ms, over ${products} products listed on ${channels.join(', ')}`,
);
printTable(['stock-sync batching window', 'sales measured', 'p50 (ms)', 'p99 (ms)', 'max (ms)'], rows);

async function measure(windowSeconds: number, onChannels: readonly Channel[]): Promise<number[]> {
  const { stack, workload, shopsOf } = await startWithListedProducts(
    products,
    onChannels,
    withStockSyncWindow(windowSeconds),
  );
  const client = createBusClient(stack.endpoints.eventBridge);
  try {
    // Enough showroom stock that no sale of the stream is refused.
    await publish(
      client,
      workload.productIds.map((id) => showroomReceipt(id, workload.showroomId, `${id}-restock`, sales)),
    );
    await stack.whenIdle(120_000);
    // Only products live on every channel (some sample groups are not sold on every marketplace).
    const expected = new Map<string, number>();
    for (const productId of workload.productIds) {
      const shown = (shopsOf.get(productId) ?? []).map((shop) => shownStock(stack, shop, productId));
      if (shown.length === onChannels.length && shown.every((stock) => stock !== undefined && stock > 0))
        expected.set(productId, Math.min(...shown.map(Number)));
    }
    const listed = [...expected.keys()];
    const outstanding = new Set<{ productId: string; target: number; sentAt: number }>();
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || outstanding.size > 0) {
        const now = performance.now();
        for (const sale of outstanding) {
          const shops = shopsOf.get(sale.productId) ?? [];
          if (
            shops.every(
              (shop) => (shownStock(stack, shop, sale.productId) ?? Number.POSITIVE_INFINITY) <= sale.target,
            )
          ) {
            latencies.push(now - sale.sentAt);
            outstanding.delete(sale);
          } else if (now - sale.sentAt > 30_000) {
            const shown = shops.map((shop) => `${shop.channel} ${shownStock(stack, shop, sale.productId)}`);
            console.log(
              `  not reflected after 30 s: ${sale.productId} target ${sale.target}; ${shown.join(', ')}`,
            );
            outstanding.delete(sale);
          }
        }
        await sleep(1);
      }
    })();
    for (let index = 0; index < sales; index += 1) {
      const productId = listed[index % listed.length] ?? '';
      const target = (expected.get(productId) ?? 0) - 1;
      expected.set(productId, target);
      const sentAt = performance.now();
      outstanding.add({ productId, target, sentAt });
      await publish(client, [showroomSale(productId, workload.showroomId, `${productId}-lat-${index}`)]);
      await sleep(intervalMs);
    }
    polling = false;
    await poller;
    return latencies;
  } finally {
    client.destroy();
    await stack.stop();
  }
}
