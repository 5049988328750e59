import { type DriftClass, driftClasses } from '@ocop-sync/domain';
import { createLedger, type ReconciliationReport } from '@ocop-sync/ledger';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatReconciliation } from '../src/reconciliation/reconciliation-format.js';
import { byChannel, readReconciliationStatus } from '../src/reconciliation/reconciliation-status.js';
import { formatSystemStatus } from '../src/status-format.js';
import { type Clients, createClients } from '../src/target/clients.js';
import { localTarget, type Target } from '../src/target/target.js';

const noDrift = Object.fromEntries(driftClasses.map((driftClass) => [driftClass, 0])) as Record<
  DriftClass,
  number
>;

function report(overrides: Partial<ReconciliationReport> & Pick<ReconciliationReport, 'channel'>) {
  return {
    runId: `run-${overrides.channel}-1`,
    startedAt: '2026-11-23T10:00:00.000Z',
    finishedAt: '2026-11-23T10:04:00.000Z',
    checked: 500,
    inSync: 500,
    corrected: 0,
    needsHuman: 0,
    byClass: noDrift,
    humanItems: [],
    ...overrides,
  } satisfies ReconciliationReport;
}

const shopeeWithDrift = report({
  channel: 'shopee',
  runId: 'run-shopee-2',
  finishedAt: '2026-11-23T11:04:00.000Z',
  checked: 480,
  inSync: 452,
  corrected: 26,
  needsHuman: 2,
  byClass: { ...noDrift, 'not-applied': 20, 'changed-by-hand': 6, 'campaign-locked': 2 },
  humanItems: [
    {
      productId: 'ocop-th-mat-ong-rung',
      sellerSku: 'MO-BT-500',
      driftClass: 'campaign-locked',
      detail: 'Shopee refuses to lower stock from 40 to 12 while a promotion holds it',
    },
  ],
});

describe('reconciliation in `ocop-sync status` (formatting)', () => {
  const now = new Date('2026-11-23T11:16:00.000Z');

  it('shows checked, in sync, corrected and needs a human per channel, with when it last ran', () => {
    const text = formatReconciliation(byChannel([shopeeWithDrift, report({ channel: 'postmart' })]), now);
    const shopeeRow = text.split('\n').find((row) => row.includes('shopee') && row.includes('480'));
    expect(shopeeRow).toBeDefined();
    for (const cell of ['480', '452', '26', '2', '2026-11-23 11:04 UTC']) expect(shopeeRow).toContain(cell);
    expect(text).toContain('12 min trước / ago');
    expect(text).toContain('not-applied 20');
    expect(text).toContain('campaign-locked 2');
    expect(text).not.toContain('missing');
    expect(text).toMatch(/lazada\s*│\s*chưa chạy \/ never run/);
  });

  it('lists the listings that need a human and says how many the report did not name', () => {
    const text = formatReconciliation(byChannel([shopeeWithDrift]), now);
    expect(text).toContain('shopee: cần người xử lý / needs a human (2)');
    expect(text).toContain('MO-BT-500');
    expect(text).toContain('Shopee refuses to lower stock');
    expect(text).toContain('và 1 nữa / and 1 more');
  });

  it('gives JSON with every channel, a never-run channel as null', () => {
    const json = JSON.parse(
      formatSystemStatus({ queues: [], reconciliation: byChannel([shopeeWithDrift]) }, 'json', now),
    ) as { reconciliation: { channel: string; report: ReconciliationReport | null }[] };
    expect(json.reconciliation.map((entry) => entry.channel)).toEqual(['postmart', 'shopee', 'lazada']);
    expect(json.reconciliation[1]?.report).toEqual(shopeeWithDrift);
    expect(json.reconciliation[0]?.report).toBeNull();
  });

  it('says the ledger table is needed when it is not known, and still shows the queues', () => {
    const text = formatSystemStatus({ queues: [], reconciliation: undefined }, 'table', now);
    expect(text).toContain('Hàng đợi');
    expect(text).toContain('needs the ledger table (--table or OCOP_SYNC_LEDGER_TABLE)');
  });
});

describe('reconciliation status read from the ledger (DynamoDB Local)', () => {
  let table: TestLedgerTable;
  let target: Target;
  let clients: Clients;

  beforeAll(async () => {
    table = await createTestLedgerTable('cli-reconciliation');
    const unused = 'http://127.0.0.1:9';
    target = localTarget({
      version: 1,
      region: 'local',
      eventBusName: 'ocop-sync',
      ledgerTableName: table.tableName,
      endpoints: { dynamodb: inject('dynamoDbEndpoint'), eventBridge: unused, sqs: unused },
    });
    clients = createClients(target);
  });

  afterAll(async () => {
    clients?.destroy();
    await table?.drop();
  });

  it('shows the last report of each channel written through the ledger', async () => {
    const ledger = createLedger({ client: table.client, tableName: table.tableName });
    await ledger.recordReconciliationReport(report({ channel: 'shopee' }));
    await ledger.recordReconciliationReport(shopeeWithDrift);
    await ledger.recordReconciliationReport(report({ channel: 'postmart', checked: 120, inSync: 120 }));

    const status = await readReconciliationStatus({ target, clients });

    expect(status?.map((entry) => [entry.channel, entry.report?.runId])).toEqual([
      ['postmart', 'run-postmart-1'],
      ['shopee', 'run-shopee-2'],
      ['lazada', undefined],
    ]);
    const text = formatReconciliation(status ?? [], new Date('2026-11-23T12:00:00.000Z'));
    expect(text).toContain('MO-BT-500');
    expect(text).toContain('120');
  });

  it('reads nothing when the ledger table is not known', async () => {
    const status = await readReconciliationStatus({
      target: { ...target, ledgerTableName: undefined },
      clients,
    });
    expect(status).toBeUndefined();
  });
});
