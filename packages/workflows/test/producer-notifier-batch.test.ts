import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublishEntry, ReceivedEvent } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import type { ClosableTransport, WebhookService } from '@ocop-sync/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handleProducerNotificationBatch,
  type ProducerNotifierDeps,
  SWEEP_PER_NOTIFICATION,
} from '../src/producer-notifier.js';
import { certificationExpired, webhooksWithoutWaits } from './support/notifier-fixtures.js';

/** Answers 503 to the paths in `down` (once each), 204 otherwise; counts requests per path. */
async function startReceiver(): Promise<{ server: Server; url: string; hits: string[]; down: Set<string> }> {
  const hits: string[] = [];
  const down = new Set<string>();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '';
      hits.push(path);
      const failing = down.delete(path);
      response.writeHead(failing ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, hits, down };
}

/** A CertificationExpired event for the producer, as one SQS record. */
const expired = (producerId: string, productId: string): ReceivedEvent => ({
  messageId: randomUUID(),
  event: certificationExpired(producerId, productId),
});

describe('producer notifier batch', () => {
  let table: TestLedgerTable;
  let transport: ClosableTransport;
  let webhooks: WebhookService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    table = await createTestLedgerTable('producer-notifier-batch');
    ({ webhooks, transport } = webhooksWithoutWaits(table));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    transport.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    await table.drop();
  });

  /** Deps whose sweeps are recorded (the limit of each), and whose ledger fails for `OCOP-BROKEN`. */
  async function depsFor(path: string, sweep?: () => Promise<never>) {
    const producerId = `HTX-${randomUUID().slice(0, 8)}`;
    await webhooks.registerEndpoint({
      producerId,
      url: `${receiver.url}${path}`,
      eventTypes: ['certificate.expired'],
    });
    const sweeps: number[] = [];
    const entries: PublishEntry[] = [];
    const deps: ProducerNotifierDeps = {
      webhooks: {
        publish: webhooks.publish,
        attempt: webhooks.attempt,
        listDue: async (limit) => {
          sweeps.push(limit ?? Number.NaN);
          return sweep === undefined ? webhooks.listDue(limit) : sweep();
        },
      },
      ledger: {
        getProduct: async (id) => {
          if (id === 'OCOP-BROKEN') throw new Error('ledger unreachable');
          return undefined;
        },
        producerOfShop: async () => undefined,
      },
      publisher: { publish: async (batch) => void entries.push(...batch) },
      now: () => new Date(),
    };
    return { producerId, deps, sweeps, entries };
  }

  it('notifies every event of the batch, then sweeps due retries once for the whole batch', async () => {
    // Prepare: the endpoint is down for the first request only.
    const { producerId, deps, sweeps, entries } = await depsFor('/b1');
    receiver.down.add('/b1');
    const records = [expired(producerId, 'OCOP-B1-1'), expired(producerId, 'OCOP-B1-2')];

    // Act
    const result = await handleProducerNotificationBatch(deps, records);

    // Assess: one sweep, with the share of both records; it retried the failed first attempt.
    expect(sweeps).toEqual([2 * SWEEP_PER_NOTIFICATION]);
    expect(result.failed).toEqual([]);
    expect(result.handled.map((handled) => handled.messageId)).toEqual(records.map((r) => r.messageId));
    expect(result.retried).toBe(1);
    expect(receiver.hits.filter((path) => path === '/b1')).toHaveLength(3);
    expect(entries.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ producerId, outcome: 'delivered', attempts: 1 }),
      expect.objectContaining({ producerId, outcome: 'delivered', attempts: 2 }),
    ]);
  });

  it('fails only the record whose notification fails, and sweeps for the records handled', async () => {
    // Prepare
    const { producerId, deps, sweeps } = await depsFor('/b2');
    const broken = expired(producerId, 'OCOP-BROKEN');
    const fine = expired(producerId, 'OCOP-B2-1');

    // Act
    const result = await handleProducerNotificationBatch(deps, [broken, fine]);

    // Assess
    expect(result.failed.map((failed) => failed.messageId)).toEqual([broken.messageId]);
    expect(result.handled.map((handled) => handled.messageId)).toEqual([fine.messageId]);
    expect(sweeps).toEqual([SWEEP_PER_NOTIFICATION]);
  });

  it('does not sweep when no record of the batch was handled', async () => {
    const { producerId, deps, sweeps } = await depsFor('/b3');
    const result = await handleProducerNotificationBatch(deps, [expired(producerId, 'OCOP-BROKEN')]);
    expect(result.failed).toHaveLength(1);
    expect(sweeps).toEqual([]);
  });

  it('fails the handled records when the sweep fails, so the queue retries them and the sweep', async () => {
    // Prepare
    const { producerId, deps } = await depsFor('/b4', async () => {
      throw new Error('due index unreachable');
    });
    const records = [expired(producerId, 'OCOP-B4-1'), expired(producerId, 'OCOP-B4-2')];

    // Act
    const result = await handleProducerNotificationBatch(deps, records);

    // Assess: the first attempts were made; both records are reported failed.
    expect(receiver.hits.filter((path) => path === '/b4')).toHaveLength(2);
    expect(result.handled).toEqual([]);
    expect(result.failed.map((failed) => failed.messageId)).toEqual(records.map((r) => r.messageId));
  });
});
