import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import {
  createBusClient,
  type LocalStack,
  publish,
  type SampleEvent,
  startLocalStack,
} from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCoverage } from '../src/coverage/coverage-command.js';
import { formatCoverage } from '../src/coverage/coverage-format.js';
import { importCouncilDecision } from '../src/import/import-command.js';
import { startReplay } from '../src/replay/replay-command.js';
import { type Clients, createClients } from '../src/target/clients.js';
import { localTarget, type Target } from '../src/target/target.js';
import { sampleFile, sampleLinks } from './sample-files.js';

const SAMPLE_PRODUCTS = 25;

describe('ocop-sync import, coverage and replay against the local stack', () => {
  let stack: LocalStack;
  let target: Target;
  let clients: Clients;
  let ledger: Ledger;
  let importedIds: string[] = [];
  let importStartedAt: Date;
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);

  beforeAll(async () => {
    stack = await startLocalStack({ quiet: true, retryDelaySeconds: 0.2 });
    target = localTarget({
      version: 1,
      region: 'ap-southeast-1',
      eventBusName: stack.environment.EVENT_BUS_NAME ?? 'ocop-sync',
      ledgerTableName: stack.tableName,
      endpoints: stack.endpoints,
    });
    clients = createClients(target);
    ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
    // Five producers link a Postmart shop (the shop-connection flow): their products can go live.
    const links: SampleEvent[] = [];
    for (const event of sampleLinks()) {
      const shop = await stack.sandboxes.postmart.createShop({ name: event.detail.producer.name });
      links.push({
        ...event,
        detail: {
          ...event.detail,
          channels: event.detail.channels.map((link) => ({ ...link, shopId: shop.shopId })),
        },
      });
    }
    const bus = createBusClient(stack.endpoints.eventBridge);
    await publish(bus, links);
    bus.destroy();
    await stack.whenIdle();
  }, 60_000);

  afterAll(async () => {
    clients?.destroy();
    await stack?.stop();
  });

  it('publishes one ProductCertified per row of the sample and the ledger records every product', async () => {
    importStartedAt = new Date(Date.now() - 1000);
    const result = await importCouncilDecision(sampleFile('csv'), { target, clients }, { out });
    expect(result.outcome).toBe('published');
    if (result.outcome !== 'published') return;
    expect(result.report).toMatchObject({ published: SAMPLE_PRODUCTS, failed: [] });
    await stack.whenIdle();
    importedIds = result.checked.valid.map((row) => row.detail.product.productId);
    const archived = stack.bus.archive
      .list({ from: importStartedAt, to: new Date(Date.now() + 1000) })
      .filter((event) => event['detail-type'] === 'ProductCertified');
    expect(archived).toHaveLength(SAMPLE_PRODUCTS);
    const products = await Promise.all(importedIds.map((id) => ledger.getProduct(id)));
    expect(products.every((product) => product?.status === 'active')).toBe(true);
    expect(products[0]?.details.name).toBe('Mật ong rừng Bá Thước');
  });

  it('re-importing the same decision (as .xlsx) publishes the same ids and writes nothing new', async () => {
    const before = await Promise.all(importedIds.map((id) => ledger.getProduct(id)));
    const result = await importCouncilDecision(sampleFile('xlsx'), { target, clients }, { out });
    expect(result.outcome).toBe('published');
    if (result.outcome !== 'published') return;
    expect(result.checked.valid.map((row) => row.detail.product.productId)).toEqual(importedIds);
    await stack.whenIdle();
    const after = await Promise.all(importedIds.map((id) => ledger.getProduct(id)));
    expect(after.map((product) => [product?.version, product?.updatedAt])).toEqual(
      before.map((product) => [product?.version, product?.updatedAt]),
    );
    // The ledger deduplicated on the detail's eventId: its processed-event marker is there.
    const documents = DynamoDBDocumentClient.from(stack.dynamodb);
    const marker = await documents.send(
      new GetCommand({
        TableName: stack.tableName,
        Key: { pk: `EVENT#council-${importedIds[0]}`, sk: 'EVENT' },
      }),
    );
    expect(marker.Item).toBeDefined();
  });

  it('reports every bad row of a file and publishes nothing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ocop-cli-'));
    const file = join(directory, 'bad.csv');
    writeFileSync(
      file,
      [
        'Số quyết định,Ngày quyết định,Tên sản phẩm,Nhóm sản phẩm,Số sao,Mã chủ thể,Chủ thể,Loại chủ thể,Tỉnh,Huyện,Giá bán (đồng)',
        '99/QĐ-UBND,14/11/2024,Bánh gai,Thực phẩm,4,HTX-TX-BANHGAI,HTX Bánh gai,HTX,Thanh Hóa,Thọ Xuân,"40.000"',
        '99/QĐ-UBND,14/11/2024,Bánh gai cốm,Thực phẩm,7,HTX-TX-BANHGAI,HTX Bánh gai,HTX,Thanh Hóa,Thọ Xuân,"40.500,5"',
        '99/QĐ-UBND,,Chè lam,Bánh kẹo,3,HTX-TX-BANHGAI,HTX Bánh gai,Hợp tác,Thanh Hóa,Thọ Xuân,500',
      ].join('\n'),
      'utf8',
    );
    const archivedBefore = stack.bus.archive.count;
    const printed: string[] = [];
    const result = await importCouncilDecision(
      file,
      { target, clients },
      { out: (line) => printed.push(line) },
    );
    expect(result.outcome).toBe('refused');
    expect(result.checked.issues.map((issue) => [issue.rowNumber, issue.column])).toEqual([
      [3, 'stars'],
      [3, 'price'],
      [4, 'decisionDate'],
      [4, 'group'],
      [4, 'producerType'],
      [4, 'price'],
    ]);
    expect(printed.join('\n')).toContain(
      'Dòng/Row 4, cột/column "Ngày quyết định / Decision date": bắt buộc, đang để trống / is required',
    );
    expect(stack.bus.archive.count).toBe(archivedBefore);
  });

  it('reports coverage per province and district against the sample’s known figures', async () => {
    const report = await readCoverage({ target, clients });
    const line = (province: string, district: string) =>
      report.find((entry) => entry.province === province && entry.district === district);
    expect(line('Thanh Hóa', '')).toMatchObject({
      level: 'province',
      certifiedProducts: 12,
      producers: 6,
      producersLive: 3,
      liveShare: 0.5,
      meetsTarget: true,
      liveByChannel: { postmart: 3, shopee: 0, lazada: 0 },
    });
    expect(line('Nghệ An', '')).toMatchObject({
      certifiedProducts: 13,
      producers: 6,
      producersLive: 2,
      meetsTarget: false,
    });
    expect(line('Thanh Hóa', 'Bá Thước')).toMatchObject({
      certifiedProducts: 4,
      producers: 2,
      producersLive: 1,
    });
    expect(line('Nghệ An', 'Diễn Châu')).toMatchObject({
      certifiedProducts: 3,
      producers: 1,
      producersLive: 1,
    });
    expect(report.at(-1)).toMatchObject({
      level: 'total',
      certifiedProducts: 25,
      producers: 12,
      producersLive: 5,
    });

    const oneProvince = await readCoverage({ target, clients }, { province: 'NGHỆ AN'.normalize('NFD') });
    expect(oneProvince.map((entry) => entry.district)).toEqual([
      'Con Cuông',
      'Diễn Châu',
      'Nam Đàn',
      'Quỳ Hợp',
      'Thanh Chương',
      '',
    ]);
    expect(formatCoverage(oneProvince, 'table')).toMatch(
      /Nghệ An.*\(tổng \/ all\).*13.*6.*2.*33\.3%.*chưa \/ no/,
    );
    const csv = formatCoverage(oneProvince, 'csv').split('\n');
    expect(csv[0]).toContain('province,district,certified_products');
    expect(csv).toContain('province,Nghệ An,,13,6,2,0.3333,false,2,0,0');
  });

  it('replays the import window to the certification rule, which finds every event already applied', async () => {
    const before = await ledger.getProduct(importedIds[0] ?? '');
    const outcome = await startReplay(
      { target, clients },
      { from: importStartedAt, to: new Date(), rules: ['certification'], pollMs: 50 },
    );
    expect(outcome.state).toBe('COMPLETED');
    await stack.whenIdle();
    expect((await ledger.getProduct(importedIds[0] ?? ''))?.version).toBe(before?.version);
    expect(stack.route('certification').deadLetterQueue.depth().visible).toBe(0);
  });
});
