import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { createHttpTransport } from '../../src/http-transport.js';
import type { WebhookServiceOptions } from '../../src/service-context.js';
import { createLedgerSecretStore } from '../../src/store/ledger-secret-store.js';
import { createWebhookStore } from '../../src/store/webhook-store.js';
import { createWebhookService, type WebhookService } from '../../src/webhook-service.js';
import { manualClock } from './receiver.js';

export interface ServiceHarness {
  table: TestLedgerTable;
  clock: ReturnType<typeof manualClock>;
  service: WebhookService;
  close(): Promise<void>;
}

/** The service over its own DynamoDB Local table, a real loopback transport and a hand-moved clock. */
export async function startService(overrides: Partial<WebhookServiceOptions> = {}): Promise<ServiceHarness> {
  const table = await createTestLedgerTable('webhooks');
  const clock = manualClock();
  const transport = createHttpTransport({ mode: 'local', requestTimeoutMs: 1000 });
  const config = { client: table.client, tableName: table.tableName };
  const service = createWebhookService({
    store: createWebhookStore(config),
    secrets: createLedgerSecretStore(config),
    transport: transport.send,
    mode: 'local',
    clock,
    ...overrides,
  });
  return {
    table,
    clock,
    service,
    close: async () => {
      transport.close();
      await table.drop();
    },
  };
}

/** Attempts every due task until none is due now; returns the reports in order. */
export async function drainDue(service: WebhookService) {
  const reports = [];
  for (let due = await service.listDue(); due.length > 0; due = await service.listDue()) {
    for (const task of due) reports.push(await service.attempt(task));
  }
  return reports;
}
