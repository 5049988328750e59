import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type EventDetail, parseDetail } from '@ocop-sync/domain';
import { createLedger, type Ledger } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertificationSweep } from '../src/certification-sweep.js';

interface SampleEntry {
  'detail-type': string;
  detail: { eventId: string; product: Record<string, unknown>; certificate: Record<string, unknown> };
}

const councilDecisions: SampleEntry[] = JSON.parse(
  readFileSync(new URL('../../../events/samples/registry/council-decisions.json', import.meta.url), 'utf8'),
);

/** The first council sample under a unique product id, with the certificate's dates set by the test. */
function certifiedUntil(expiresOn: string, issuedOn = '2024-11-14'): EventDetail<'ProductCertified'> {
  const [first] = councilDecisions;
  if (!first) throw new Error('no council decision sample');
  const productId = `${first.detail.product.productId}-${randomUUID().slice(0, 8)}`;
  const parsed = parseDetail('ProductCertified', {
    ...first.detail,
    eventId: `cert-${productId}`,
    product: { ...first.detail.product, productId },
    certificate: { ...first.detail.certificate, issuedOn, expiresOn },
  });
  if (!parsed.ok) throw new Error(`bad sample: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/*
 * The sweep reads every due certificate in the table, so each test sweeps an era of its own, earlier than
 * the previous test's: what an earlier test leaves in the expiry index is never due in a later one.
 */
describe('certification sweep', () => {
  let table: TestLedgerTable;
  let ledger: Ledger;
  beforeAll(async () => {
    table = await createTestLedgerTable('workflows-certification-sweep');
    ledger = createLedger({ client: table.client, tableName: table.tableName });
  });
  afterAll(async () => table.drop());

  function sweeper() {
    const entries: PublishEntry[] = [];
    const publisher: EventPublisher = { publish: async (batch) => void entries.push(...batch) };
    const sweepAt = (day: string) =>
      runCertificationSweep({ ledger, publisher, now: () => new Date(`${day}T06:00:00+07:00`) });
    return { entries, sweepAt };
  }

  it('gives the 60-day and then the 30-day notice once each, then expires the certificate', async () => {
    // Prepare
    const certificate = certifiedUntil('2031-06-30', '2028-07-01');
    await ledger.recordCertification(certificate);
    const { entries, sweepAt } = sweeper();
    const days = ['2031-04-29', '2031-05-01', '2031-05-02', '2031-05-31', '2031-06-01', '2031-06-30'];
    // Act
    const counts = [];
    for (const day of [...days, '2031-07-01', '2031-07-02']) counts.push(await sweepAt(day));
    // Assess
    expect(counts.map(({ expiring60, expiring30, expired }) => [expiring60, expiring30, expired])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const { productId, producer } = certificate.product;
    const ids = {
      productId,
      producerId: producer.producerId,
      decisionNumber: certificate.certificate.decisionNumber,
    };
    expect(entries).toEqual([
      {
        detailType: 'CertificationExpiring',
        detail: { ...ids, expiresOn: '2031-06-30', noticeDays: 60 },
      },
      {
        detailType: 'CertificationExpiring',
        detail: { ...ids, expiresOn: '2031-06-30', noticeDays: 30 },
      },
      { detailType: 'CertificationExpired', detail: { ...ids, expiredOn: '2031-06-30' } },
    ]);
    expect(await ledger.getProduct(productId)).toMatchObject({ status: 'expired', expiryNotices: [60, 30] });
  });

  it('reads only the certificates expiring within 60 days', async () => {
    // Prepare
    for (const expiresOn of ['2029-03-10', '2029-04-14', '2029-09-01', '2030-01-01']) {
      await ledger.recordCertification(certifiedUntil(expiresOn));
    }
    const { entries, sweepAt } = sweeper();
    // Act
    const counts = await sweepAt('2029-02-28');
    // Assess
    expect(counts).toEqual({ due: 2, expiring60: 1, expiring30: 1, expired: 0, unchanged: 0 });
    expect(entries.map((entry) => entry.detailType)).toEqual([
      'CertificationExpiring',
      'CertificationExpiring',
    ]);
  });

  it('gives only the 30-day notice when the sweep missed the 60-day one', async () => {
    // Prepare
    const certificate = certifiedUntil('2028-03-20');
    await ledger.recordCertification(certificate);
    const { entries, sweepAt } = sweeper();
    // Act
    const counts = await sweepAt('2028-03-01');
    // Assess
    expect(counts).toEqual({ due: 1, expiring60: 0, expiring30: 1, expired: 0, unchanged: 0 });
    expect(entries).toMatchObject([{ detailType: 'CertificationExpiring', detail: { noticeDays: 30 } }]);
  });

  it('leaves a certificate renewed since it came due alone', async () => {
    // Prepare
    const certificate = certifiedUntil('2027-05-10');
    await ledger.recordCertification(certificate);
    const { entries, sweepAt } = sweeper();
    await sweepAt('2027-03-11');
    await ledger.recordRenewal({
      eventId: `renew-${certificate.product.productId}`,
      occurredAt: '2027-04-01T09:00:00+07:00',
      version: 2,
      productId: certificate.product.productId,
      certificate: { ...certificate.certificate, issuedOn: '2027-04-01', expiresOn: '2030-04-01' },
    });
    // Act
    const counts = await sweepAt('2027-04-10');
    // Assess
    expect(counts).toEqual({ due: 0, expiring60: 0, expiring30: 0, expired: 0, unchanged: 0 });
    expect(entries.map((entry) => entry.detail)).toMatchObject([{ noticeDays: 60 }]);
  });
});
