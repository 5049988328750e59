/**
 * Ledger benchmark against DynamoDB Local: requests and consumed capacity per operation, and movements per
 * second with 1, 4 and 16 concurrent writers (different products vs one hot product).
 *
 *   npx tsx packages/ledger/bench/ledger-bench.ts [movementsPerScenario=480]
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DetailType, type EventDetail, type EventDetailInput, parseDetail } from '@ocop-sync/domain';
import { localCredentials, startDynamoDbLocal } from '@ocop-sync/dynamodb-local';
import { createLedger, createLedgerTableInput, type Ledger } from '../src/index.js';

interface Tally {
  requests: number;
  byCommand: Map<string, number>;
  capacity: number;
}
const tally: Tally = { requests: 0, byCommand: new Map(), capacity: 0 };
const resetTally = () => {
  tally.requests = 0;
  tally.capacity = 0;
  tally.byCommand.clear();
};

function instrumentedClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      tally.requests++;
      const name = context.commandName ?? 'unknown';
      tally.byCommand.set(name, (tally.byCommand.get(name) ?? 0) + 1);
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const entry of [consumed].flat()) {
        const units = (entry as { CapacityUnits?: number } | undefined)?.CapacityUnits;
        if (typeof units === 'number') tally.capacity += units;
      }
      return result;
    },
    { step: 'initialize', name: 'ledgerBenchTally' },
  );
  return client;
}

function detail<T extends DetailType>(type: T, input: EventDetailInput<T>): EventDetail<T> {
  const parsed = parseDetail(type, input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;
const at = '2024-12-01T10:00:00+07:00';
const W1 = { type: 'warehouse' as const, locationId: 'W1' };
const S1 = { type: 'showroom' as const, locationId: 'S1' };

function certification(productId: string, producerId: string, version = 1) {
  return detail('ProductCertified', {
    eventId: id('evt'),
    occurredAt: at,
    version,
    product: {
      productId,
      name: 'Mật ong rừng U Minh Hạ',
      description: 'Mật ong rừng tràm nguyên chất.',
      group: 'food',
      producer: { producerId, name: 'HTX Ong mật U Minh', type: 'cooperative' },
      area: { province: 'Cà Mau', district: 'U Minh' },
      priceVnd: 280_000,
    },
    certificate: { decisionNumber: '12/QĐ-UBND', issuedOn: '2024-11-14', stars: 4 },
  });
}
const receive = (productId: string, quantity: number) =>
  ({
    detailType: 'StockReceived',
    detail: detail('StockReceived', {
      movementId: id('mv'),
      occurredAt: at,
      productId,
      location: W1,
      quantity,
    }),
  }) as const;
const sell = (productId: string, quantity: number) =>
  ({
    detailType: 'StockSold',
    detail: detail('StockSold', { movementId: id('mv'), occurredAt: at, productId, location: W1, quantity }),
  }) as const;

async function measure(label: string, action: () => Promise<unknown>): Promise<string> {
  resetTally();
  await action();
  const commands = [...tally.byCommand.entries()]
    .map(([name, n]) => `${name.replace('Command', '')}×${n}`)
    .join(', ');
  return `| ${label} | ${tally.requests} | ${tally.capacity.toFixed(1)} | ${commands} |`;
}

async function perOperation(ledger: Ledger): Promise<string[]> {
  const producerId = id('htx');
  const shopId = id('shop');
  await ledger.linkChannels(
    detail('ProducerChannelsLinked', {
      eventId: id('evt'),
      occurredAt: at,
      version: 1,
      producer: {
        producerId,
        name: 'HTX',
        type: 'cooperative',
        area: { province: 'Cà Mau', district: 'U Minh' },
      },
      channels: [{ channel: 'shopee', status: 'linked', shopId, credentialsSecretName: 'ocop/shopee/bench' }],
    }),
  );
  const productId = id('prod');
  const certified = certification(productId, producerId);
  const rows: string[] = [];
  rows.push(await measure('certification (new product)', () => ledger.recordCertification(certified)));
  rows.push(await measure('certification (duplicate)', () => ledger.recordCertification(certified)));
  rows.push(
    await measure('certification (newer version)', () =>
      ledger.recordCertification(certification(productId, producerId, 2)),
    ),
  );
  await ledger.applyMovement(receive(productId, 100)); // warms the producer-settings cache
  rows.push(await measure('stock received', () => ledger.applyMovement(receive(productId, 5))));
  const sale = sell(productId, 1);
  rows.push(await measure('sale (applied)', () => ledger.applyMovement(sale)));
  rows.push(await measure('sale (duplicate)', () => ledger.applyMovement(sale)));
  rows.push(await measure('sale (rejected: oversell)', () => ledger.applyMovement(sell(productId, 10_000))));
  rows.push(
    await measure('transfer', () =>
      ledger.transfer(
        detail('StockTransferred', {
          movementId: id('mv'),
          occurredAt: at,
          productId,
          from: W1,
          to: S1,
          quantity: 3,
        }),
      ),
    ),
  );
  const order = (orderId: string) =>
    detail('MarketplaceOrderPlaced', {
      channel: 'shopee',
      shopId,
      orderId,
      placedAt: at,
      lines: [{ sellerSku: productId, quantity: 1 }],
    });
  await ledger.reserveOrder(order(id('ord'))); // warms the shop and SKU lookups
  const orderId = id('ord');
  rows.push(
    await measure('order reservation (1 line, warm lookups)', () => ledger.reserveOrder(order(orderId))),
  );
  rows.push(
    await measure('order release', () =>
      ledger.releaseOrder(
        detail('MarketplaceOrderCancelled', { channel: 'shopee', shopId, orderId, cancelledAt: at }),
      ),
    ),
  );
  rows.push(
    await measure('listing desired state', () =>
      ledger.setDesiredListing({
        productId,
        producerId,
        channel: 'shopee',
        listing: { state: 'listed', priceVnd: 280_000, productVersion: 2 },
        stock: { quantity: 90, stockVersion: 5 },
      }),
    ),
  );
  rows.push(
    await measure('listing synced', () =>
      ledger.recordListingSynced(
        detail('ListingSynced', {
          productId,
          producerId,
          channel: 'shopee',
          productVersion: 2,
          externalItemId: 'SP-1',
          status: 'live',
          syncedAt: at,
        }),
        { stockVersion: 5 },
      ),
    ),
  );
  return rows;
}

async function throughput(
  ledger: Ledger,
  retries: { count: number },
  writers: number,
  hot: boolean,
  total: number,
) {
  const producerId = id('htx');
  const products = Array.from({ length: hot ? 1 : writers }, () => id('prod'));
  for (const productId of products) await ledger.recordCertification(certification(productId, producerId));
  retries.count = 0;
  resetTally();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const productId = products[hot ? 0 : writer] ?? '';
      for (let n = 0; n < total / writers; n++) await ledger.applyMovement(receive(productId, 1));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const target = hot ? 'one hot product' : 'different products';
  return `| ${writers} | ${target} | ${total} | ${(total / seconds).toFixed(0)} | ${retries.count} | ${(tally.requests / total).toFixed(2)} |`;
}

async function main() {
  const total = Number(process.argv[2] ?? 480);
  const db = await startDynamoDbLocal();
  try {
    const client = instrumentedClient(db.endpoint);
    const tableName = `ledger-bench-${randomUUID()}`;
    await client.send(new CreateTableCommand(createLedgerTableInput(tableName)));
    const retries = { count: 0 };
    const ledger = createLedger({ client, tableName, onConflictRetry: () => retries.count++ });
    console.log('| operation | requests | consumed capacity (units) | commands |\n| --- | --- | --- | --- |');
    for (const row of await perOperation(ledger)) console.log(row);
    console.log(
      '\n| writers | on | movements | movements/s | conflict retries | requests/movement |\n| --- | --- | --- | --- | --- | --- |',
    );
    await throughput(ledger, retries, 4, false, 240); // JIT and DynamoDB Local warm-up, not reported
    for (const hot of [false, true]) {
      for (const writers of [1, 4, 16]) console.log(await throughput(ledger, retries, writers, hot, total));
    }
    client.destroy();
  } finally {
    await db.stop();
  }
}

await main();
