import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { parseEvent } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { createHttpTransport, createWebhookService, createWebhookStore } from '@ocop-sync/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createShopLookup,
  createWebhookSecretStore,
  handleProducerNotification,
} from '../src/producer-notifier.js';

const PREFIX = 'ocop-sync/webhooks/';
const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('producer notifier: where endpoint secrets live', () => {
  let table: TestLedgerTable;
  let secretsServer: Awaited<ReturnType<typeof startSecretsManagerServer>>;
  let secretsManager: SecretsManagerClient;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  const transport = createHttpTransport({ mode: 'local', requestTimeoutMs: 2000 });

  beforeAll(async () => {
    [table, secretsServer] = await Promise.all([
      createTestLedgerTable('notifier-secrets'),
      startSecretsManagerServer({ port: 0 }),
      new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)),
    ]);
    secretsManager = new SecretsManagerClient({
      endpoint: secretsServer.url,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    transport.close();
    secretsManager.destroy();
    await Promise.all([
      secretsServer.close(),
      table.drop(),
      new Promise((resolve) => receiver.close(resolve)),
    ]);
  });

  /** The notifier's service with the store its mode selects; attempts go over loopback HTTP either way. */
  function notifier(mode: 'production' | 'local') {
    const ledgerConfig = { client: table.client, tableName: table.tableName };
    const webhooks = createWebhookService({
      store: createWebhookStore(ledgerConfig),
      secrets: createWebhookSecretStore({ mode, ledger: ledgerConfig, secretsManager, namePrefix: PREFIX }),
      transport: transport.send,
      mode: 'local',
    });
    const ledger = createLedger(ledgerConfig);
    const deps = {
      webhooks,
      ledger: {
        getProduct: (id: string) => ledger.getProduct(id),
        producerOfShop: createShopLookup(table.client, table.tableName),
      },
      publisher: { publish: async () => undefined },
      now: () => new Date(),
    };
    return { webhooks, deps };
  }

  const secretItem = (endpointId: string) =>
    table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: `WEBHOOK-SECRET#${endpointId}` }, sk: { S: 'SECRETS' } },
        ConsistentRead: true,
      }),
    );

  it('keeps them in Secrets Manager outside local mode, and signs with them', async () => {
    const { webhooks, deps } = notifier('production');
    const producerId = uid('HTX');
    const { port } = receiver.address() as AddressInfo;
    const { endpoint, secret } = await webhooks.registerEndpoint({
      producerId,
      url: `http://127.0.0.1:${port}/hook`,
      eventTypes: ['stock.low'],
    });

    const stored = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: `${PREFIX}${producerId}/${endpoint.endpointId}` }),
    );
    expect(stored.SecretString).toContain(secret);
    expect((await secretItem(endpoint.endpointId)).Item).toBeUndefined();

    const event = parseEvent({
      version: '0',
      id: randomUUID(),
      'detail-type': 'StockLow',
      source: 'ocop.sync',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'ap-southeast-1',
      resources: [],
      detail: {
        productId: uid('OCOP'),
        producerId,
        movementId: uid('mv'),
        available: 2,
        threshold: 3,
        occurredAt: '2026-11-03T10:00:00+07:00',
      },
    });
    if (!event.ok) throw new Error('invalid sample event');
    await expect(handleProducerNotification(deps, event.value)).resolves.toMatchObject({
      kind: 'sent',
      attempted: 1,
    });
    const message = received.find((entry) => entry.body.includes(producerId));
    if (message === undefined) throw new Error('nothing delivered');
    const headers = {
      'webhook-id': String(message.headers['webhook-id']),
      'webhook-timestamp': String(message.headers['webhook-timestamp']),
      'webhook-signature': String(message.headers['webhook-signature']),
    };
    expect(new Webhook(secret).verify(message.body, headers)).toMatchObject({ type: 'stock.low' });
  });

  it('keeps them in the ledger table in local mode, never in Secrets Manager', async () => {
    const { webhooks } = notifier('local');
    const producerId = uid('HTX');
    const { endpoint } = await webhooks.registerEndpoint({
      producerId,
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['stock.low'],
    });
    expect((await secretItem(endpoint.endpointId)).Item).toBeDefined();
    const listed = await secretsManager.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [`${PREFIX}${producerId}/`] }] }),
    );
    expect(listed.SecretList).toEqual([]);
  });
});
