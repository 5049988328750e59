import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import {
  createBusClient,
  type LocalStack,
  loadInvalidSample,
  publish,
  startLocalStack,
} from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEndpointsFile } from '../../local-stack/src/endpoints-file.js';
import { productIdFor } from '../src/import/council-rows.js';
import { buildProgram } from '../src/program.js';
import { readQueueStatus } from '../src/queues/queue-status.js';
import { createClients } from '../src/target/clients.js';
import { readLocalTarget } from '../src/target/target.js';
import { sampleFile } from './sample-files.js';

const honey = productIdFor('1234/QĐ-UBND', 'Mật ong rừng Bá Thước');

describe('ocop-sync dlq and status against the local stack (--local, through the endpoints file)', () => {
  let stack: LocalStack;
  let ledger: Ledger;
  let directory: string;
  let removeEndpointsFile: () => void;

  /** Runs the CLI as an operator would (`ocop-sync --local …`) and returns what it printed. */
  async function run(...args: string[]): Promise<string> {
    const printed: string[] = [];
    const program = buildProgram({
      out: (text) => printed.push(text),
      err: (text) => printed.push(text),
      cwd: directory,
      interactive: false,
    });
    await program.parseAsync(['node', 'ocop-sync', '--local', ...args]);
    return printed.join('');
  }

  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true, retryDelaySeconds: 0.2 });
    ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
    directory = mkdtempSync(join(tmpdir(), 'ocop-cli-'));
    removeEndpointsFile = writeEndpointsFile(stack, directory);
    const bus = createBusClient(stack.endpoints.eventBridge);
    // Stock arrives before the council's decision: the stock ledger retries, then SQS parks it.
    await publish(bus, [
      {
        source: 'ocop.showroom',
        'detail-type': 'StockReceived',
        detail: {
          movementId: 'rcv-cli-test-0001',
          occurredAt: '2024-11-16T09:15:00+07:00',
          productId: honey,
          location: { type: 'showroom', locationId: 'SR-TH-01' },
          quantity: 12,
        },
      },
      // An event that can never succeed: the certification handler parks it at once, with the rule it broke.
      loadInvalidSample('stars-out-of-range').event,
    ]);
    bus.destroy();
    await stack.whenIdle();
  }, 60_000);

  afterAll(async () => {
    removeEndpointsFile?.();
    await stack?.stop();
  });

  it('reads the local stack’s endpoints from the file it writes', () => {
    const target = readLocalTarget(directory);
    expect(target).toMatchObject({
      kind: 'local',
      endpoints: { sqs: stack.endpoints.sqs },
      ledgerTableName: stack.tableName,
    });
  });

  it('shows each queue’s depth, oldest message and its dead letters with their reasons', async () => {
    const target = readLocalTarget(directory);
    const clients = createClients(target);
    const statuses = await readQueueStatus({ target, clients }).finally(() => clients.destroy());
    const stockLedger = statuses.find((status) => status.route === 'stock-ledger');
    expect(stockLedger).toMatchObject({
      visible: 0,
      inFlight: 0,
      oldestMessageAgeSeconds: 0,
      deadLetters: 1,
    });
    expect(stockLedger?.lastErrors[0]).toMatch(/^StockReceived: moved by the redrive policy/);
    const certification = statuses.find((status) => status.route === 'certification');
    expect(certification?.deadLetters).toBe(1);
    expect(certification?.lastErrors[0]).toContain('detail.certificate.stars: must be 3, 4 or 5');
    expect(statuses.find((status) => status.route === 'listing-sync-shopee')?.channel).toBe('shopee');
    const printed = await run('status');
    expect(printed).toContain('stock-ledger');
    expect(printed).toContain('Last errors');
    expect(printed).toContain('Đối soát / Reconciliation');
    const json = JSON.parse(await run('status', '--format', 'json')) as {
      queues: { route: string }[];
      reconciliation: { channel: string }[];
    };
    expect(json.queues.map((queue) => queue.route)).toContain('stock-ledger');
    expect(json.reconciliation.map((entry) => entry.channel).sort()).toEqual([
      'lazada',
      'postmart',
      'shopee',
    ]);
  });

  it('lists what is parked and why, and shows one message in full, without consuming it', async () => {
    const listed = await run('dlq', 'list', '--queue', 'certification');
    expect(listed).toContain('certification-dlq: 1');
    expect(listed).toContain('ProductCertified');
    const messageId = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(listed)?.[1] ?? '';
    const shown = await run('dlq', 'show', messageId.slice(0, 8));
    expect(shown).toContain(`Message id:   ${messageId}`);
    expect(shown).toContain('must be 3, 4 or 5');
    expect(shown).toContain('"stars": 6');
    expect(stack.route('certification').deadLetterQueue.depth().visible).toBe(1);
  });

  it('redrives parked stock once its product is certified, and the queues converge', async () => {
    const imported = await run('import', sampleFile('csv'));
    expect(imported).toContain('published 25');
    await stack.whenIdle();
    const redriven = await run('dlq', 'redrive', '--queue', 'stock-ledger');
    expect(redriven).toContain('stock-ledger-dlq → stock-ledger: 1');
    await stack.whenIdle();
    expect(stack.route('stock-ledger').deadLetterQueue.depth().visible).toBe(0);
    const stock = await ledger.getStock(honey);
    expect(stock?.levels).toEqual([{ location: { type: 'showroom', locationId: 'SR-TH-01' }, quantity: 12 }]);
  });

  it('redrives a message that fails again once, and it is parked again with its reason', async () => {
    const redriven = await run('dlq', 'redrive', '--queue', 'certification');
    expect(redriven).toContain('certification-dlq → certification: 1');
    await stack.whenIdle();
    expect(stack.route('certification').deadLetterQueue.depth().visible).toBe(1);
    expect(await run('dlq', 'redrive', '--queue', 'stock-ledger')).toContain('nothing parked');
  });
});
