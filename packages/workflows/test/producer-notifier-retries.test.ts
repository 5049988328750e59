import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDetail } from '@ocop-sync/domain';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import type { ClosableTransport, WebhookService } from '@ocop-sync/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleProducerNotification, sweepDueDeliveries, sweepUntilDone } from '../src/producer-notifier.js';
import { certificationExpired, webhooksWithoutWaits } from './support/notifier-fixtures.js';

/** An endpoint that is down (503) for its first `failures` requests, then answers 204. */
async function flakyReceiver(failures: number): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits += 1;
      response.writeHead(hits <= failures ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, hits: () => hits };
}

describe('producer notifier retries', () => {
  let table: TestLedgerTable;
  let transport: ClosableTransport;
  let webhooks: WebhookService;
  let receiver: Awaited<ReturnType<typeof flakyReceiver>>;
  const entries: PublishEntry[] = [];
  const publisher: EventPublisher = {
    async publish(batch) {
      for (const entry of batch) expect(parseDetail(entry.detailType, entry.detail).ok).toBe(true);
      entries.push(...batch);
    },
  };

  beforeAll(async () => {
    table = await createTestLedgerTable('producer-notifier-retries');
    ({ webhooks, transport } = webhooksWithoutWaits(table));
    receiver = await flakyReceiver(1);
  });
  afterAll(async () => {
    transport.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    await table.drop();
  });

  it('retries a failed first attempt on the next sweep and then reports it delivered', async () => {
    // Prepare
    const producerId = `HTX-${randomUUID().slice(0, 8)}`;
    await webhooks.registerEndpoint({ producerId, url: receiver.url, eventTypes: ['certificate.expired'] });
    const deps = {
      webhooks,
      ledger: { getProduct: async () => undefined, producerOfShop: async () => undefined },
      publisher,
      now: () => new Date(),
    };

    // Act
    await handleProducerNotification(deps, certificationExpired(producerId));
    const afterFirst = entries.length;
    const swept = await sweepDueDeliveries(deps);

    // Assess
    expect(afterFirst).toBe(0);
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(receiver.hits()).toBe(2);
    expect(entries).toEqual([
      expect.objectContaining({
        detailType: 'ProducerNotified',
        detail: expect.objectContaining({ producerId, outcome: 'delivered', attempts: 2 }),
      }),
    ]);
  });

  it('drains a backlog of due retries in one scheduled run, round after round, then stops', async () => {
    // Prepare: five endpoints of one producer, each down for its first request.
    const producerId = `HTX-${randomUUID().slice(0, 8)}`;
    const receivers = await Promise.all(Array.from({ length: 5 }, () => flakyReceiver(1)));
    for (const { url } of receivers) {
      await webhooks.registerEndpoint({ producerId, url, eventTypes: ['certificate.expired'] });
    }
    const deps = {
      webhooks,
      ledger: { getProduct: async () => undefined, producerOfShop: async () => undefined },
      publisher,
      now: () => new Date(),
    };
    await handleProducerNotification(deps, certificationExpired(producerId));
    const before = entries.length;

    // Act: rounds of two, so the five retries take three rounds.
    const attempted = await sweepUntilDone(deps, { round: 2, deadline: Date.now() + 30_000 });

    // Assess
    expect(attempted).toBe(5);
    expect(receivers.map((receiver) => receiver.hits())).toEqual([2, 2, 2, 2, 2]);
    const delivered = entries.slice(before).filter((entry) => entry.detailType === 'ProducerNotified');
    expect(delivered).toHaveLength(5);
    expect(await sweepUntilDone(deps, { round: 2, deadline: Date.now() + 30_000 })).toBe(0);
    await Promise.all(receivers.map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });
});
