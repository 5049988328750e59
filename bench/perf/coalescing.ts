import { setTimeout as sleep } from 'node:timers/promises';
import { createLedger } from '@ocop-sync/ledger';
import { createBusClient, publish } from '@ocop-sync/local-stack';
import { routingTable } from '@ocop-sync/routing';
import { shownStock, startWithListedProducts, withStockSyncWindow } from './listed-products.js';
import { argument, channelsArgument, printHeader, printTable } from './machine.js';
import { showroomReceipt, showroomSale } from './sales.js';

/**
 * Coalescing: 100 showroom sales of one product within a second (10 PutEvents calls of 10, 80 ms apart),
 * on a fresh stack with stock-sync's batching window as the routing table sets it, then with 0 s. Counts
 * the stock calls each marketplace received after the first sale, and compares the stock it shows with
 * the ledger's available-to-sell for that channel.
 */
printHeader('bench/perf/coalescing.ts');
const channels = channelsArgument();
const sales = Number(argument('sales') ?? 100);

const stockSyncRoute = routingTable.find((route) => route.name === `stock-sync-${channels[0] ?? 'postmart'}`);
const tableWindow = stockSyncRoute?.kind === 'queue' ? stockSyncRoute.queue.maximumBatchingWindowSeconds : 1;
for (const window of tableWindow === 0 ? [0] : [tableWindow, 0]) {
  console.log(`\nstock-sync batching window ${window} s${window === tableWindow ? ' (routing table)' : ''}`);
  await measure(window);
}

async function measure(windowSeconds: number): Promise<void> {
  const { stack, workload, shopsOf } = await startWithListedProducts(
    4,
    channels,
    withStockSyncWindow(windowSeconds),
  );
  const client = createBusClient(stack.endpoints.eventBridge);
  try {
    const productId =
      workload.productIds.find((id) =>
        (shopsOf.get(id) ?? []).every((shop) => shownStock(stack, shop, id) !== undefined),
      ) ?? '';
    // Enough stock that no sale of the burst is refused.
    await publish(client, [showroomReceipt(productId, workload.showroomId, `${productId}-restock`, sales)]);
    await stack.whenIdle(60_000);
    const startedAt = Date.now();
    const events = Array.from({ length: sales }, (_, index) =>
      showroomSale(productId, workload.showroomId, `${productId}-burst-${index}`),
    );
    for (let start = 0; start < events.length; start += 10) {
      await publish(client, events.slice(start, start + 10));
      await sleep(80);
    }
    const publishedInMs = Date.now() - startedAt;
    await stack.whenIdle(120_000);
    const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
    const rows = [];
    for (const shop of shopsOf.get(productId) ?? []) {
      const calls = stack.sandboxes[shop.channel]
        .requestLog()
        .filter(
          (entry) =>
            entry.at >= startedAt && entry.shopId === shop.shopId && /stock|price_quantity/i.test(entry.path),
        );
      const ledgerAvailable = (await ledger.availableToSell(productId, shop.channel))?.available;
      const shown = shownStock(stack, shop, productId);
      rows.push([
        shop.channel,
        calls.length,
        shown ?? '—',
        ledgerAvailable ?? '—',
        shown === ledgerAvailable ? 'yes' : 'NO',
      ]);
    }
    console.log(`${sales} sales of ${productId} published in ${publishedInMs} ms`);
    printTable(['channel', 'stock calls', 'marketplace stock', 'ledger available', 'equal'], rows);
  } finally {
    client.destroy();
    await stack.stop();
  }
}
