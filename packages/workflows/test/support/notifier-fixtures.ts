import { randomUUID } from 'node:crypto';
import { type CatalogueEvent, parseEvent } from '@ocop-sync/domain';
import type { TestLedgerTable } from '@ocop-sync/test-support';
import {
  type ClosableTransport,
  createHttpTransport,
  createLedgerSecretStore,
  createWebhookService,
  createWebhookStore,
  type WebhookService,
} from '@ocop-sync/webhooks';

/** A CertificationExpired for the producer's product, as the bus delivers it. */
export function certificationExpired(producerId: string, productId = 'OCOP-YB-0001'): CatalogueEvent {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': 'CertificationExpired',
    source: 'ocop.sync',
    account: '000000000000',
    time: '2026-11-03T03:00:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail: { productId, producerId, decisionNumber: '88/QĐ-UBND', expiredOn: '2026-11-03' },
  });
  if (!parsed.ok) throw new Error('fixture event is invalid');
  return parsed.value;
}

/**
 * The webhook service over a test table (secrets in the table, local mode) with a retry schedule of no waits,
 * so a failed attempt is due again at once instead of after 5 s.
 */
export function webhooksWithoutWaits(table: TestLedgerTable): {
  webhooks: WebhookService;
  transport: ClosableTransport;
} {
  const config = { client: table.client, tableName: table.tableName };
  const transport = createHttpTransport({ mode: 'local', requestTimeoutMs: 2000 });
  const webhooks = createWebhookService({
    store: createWebhookStore(config),
    secrets: createLedgerSecretStore(config),
    transport: transport.send,
    mode: 'local',
    schedule: [0, 0, 0],
  });
  return { webhooks, transport };
}
