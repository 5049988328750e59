import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certified, detail, type LedgerFixture, ledgerFixture, uid } from './fixtures.js';

describe('product ledger', () => {
  let fixture: LedgerFixture;
  beforeAll(async () => {
    fixture = await ledgerFixture();
  });
  afterAll(async () => fixture.drop());

  const renewal = (productId: string, version: number, issuedOn: string, eventId = uid('evt')) =>
    detail('CertificationRenewed', {
      eventId,
      occurredAt: '2025-01-01T08:00:00+07:00',
      version,
      productId,
      certificate: { decisionNumber: `R-${version}/QĐ-UBND`, issuedOn, stars: 4 },
    });
  const stars = (productId: string, version: number, value: 3 | 4 | 5) =>
    detail('StarRatingChanged', {
      eventId: uid('evt'),
      occurredAt: '2025-01-01T08:00:00+07:00',
      version,
      productId,
      stars: value,
      decisionNumber: '99/QĐ-TTg',
      decidedOn: '2025-01-01',
    });

  it('records a certified product with its certificate, producer and area', async () => {
    // Prepare
    const productId = uid('prod');
    // Act
    const result = await fixture.ledger.recordCertification(certified({ productId, producerId: 'htx-a' }));
    // Assess
    expect(result.outcome).toBe('applied');
    const product = await fixture.ledger.getProduct(productId);
    expect(product).toMatchObject({
      productId,
      producerId: 'htx-a',
      status: 'active',
      version: 1,
      certificate: { stars: 4, issuedOn: '2024-11-14', expiresOn: '2027-11-14' },
      details: { area: { province: 'Yên Bái', district: 'Văn Chấn' } },
    });
  });

  it('reports the same event applied twice as a duplicate and changes nothing', async () => {
    // Prepare
    const event = certified({ productId: uid('prod') });
    await fixture.ledger.recordCertification(event);
    // Act
    const again = await fixture.ledger.recordCertification(event);
    // Assess
    expect(again.outcome).toBe('duplicate');
    expect((await fixture.ledger.getProduct(event.product.productId))?.version).toBe(1);
  });

  it('ignores an older certification arriving after a newer one as stale', async () => {
    // Prepare
    const productId = uid('prod');
    await fixture.ledger.recordCertification(certified({ productId, version: 1 }));
    await fixture.ledger.recordRenewal(renewal(productId, 3, '2025-06-01'));
    // Act
    const late = await fixture.ledger.recordRenewal(renewal(productId, 2, '2025-03-01'));
    // Assess
    expect(late.outcome).toBe('stale');
    expect((await fixture.ledger.getProduct(productId))?.certificate.issuedOn).toBe('2025-06-01');
  });

  it('ends in the newest state of details and certificate whatever the arrival order', async () => {
    // Prepare
    const productId = uid('prod');
    const details = detail('ProductDetailsUpdated', {
      eventId: uid('evt'),
      occurredAt: '2025-01-02T08:00:00+07:00',
      version: 3,
      product: { ...certified({ productId }).product, name: 'Chè Shan tuyết cổ thụ' },
    });
    // Act: the details update (v3) lands before the star change (v2), which must still apply
    await fixture.ledger.recordCertification(certified({ productId, version: 1 }));
    await fixture.ledger.recordDetails(details);
    const starResult = await fixture.ledger.recordStarRating(stars(productId, 2, 5));
    // Assess
    expect(starResult.outcome).toBe('applied');
    const product = await fixture.ledger.getProduct(productId);
    expect(product?.details.name).toBe('Chè Shan tuyết cổ thụ');
    expect(product?.certificate.stars).toBe(5);
    expect(product?.version).toBe(3);
  });

  it('rejects a certificate change for a product not in the ledger yet, as retryable', async () => {
    // Act
    const result = await fixture.ledger.recordStarRating(stars(uid('prod'), 2, 5));
    // Assess
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'unknown-product', retryable: true });
  });

  it('lists products by producer and by province and district, whatever the case or Unicode form', async () => {
    // Prepare
    const producerId = uid('htx');
    const province = uid('Thanh Hóa');
    const first = uid('prod');
    const second = uid('prod');
    await fixture.ledger.recordCertification(
      certified({ productId: first, producerId, province, district: 'Như Xuân' }),
    );
    await fixture.ledger.recordCertification(
      certified({ productId: second, producerId, province, district: 'Bá Thước' }),
    );
    // Act
    const byProducer = await fixture.ledger.listByProducer(producerId);
    const byProvince = await fixture.ledger.listByArea({ province: province.normalize('NFD').toUpperCase() });
    const byDistrict = await fixture.ledger.listByArea({ province, district: 'như xuân'.normalize('NFD') });
    // Assess
    expect(byProducer.map((p) => p.productId).sort()).toEqual([first, second].sort());
    expect(byProvince).toHaveLength(2);
    expect(byDistrict.map((p) => p.productId)).toEqual([first]);
  });

  it('lists only live certificates expiring before a date, without a scan', async () => {
    // Prepare
    const soon = uid('prod');
    const later = uid('prod');
    const revoked = uid('prod');
    await fixture.ledger.recordCertification(
      certified({ productId: soon, issuedOn: '2001-01-10', expiresOn: '2004-01-10' }),
    );
    await fixture.ledger.recordCertification(
      certified({ productId: later, issuedOn: '2001-01-10', expiresOn: '2004-03-01' }),
    );
    await fixture.ledger.recordCertification(
      certified({ productId: revoked, issuedOn: '2001-01-10', expiresOn: '2004-01-05' }),
    );
    await fixture.ledger.recordRevocation(
      detail('CertificationRevoked', {
        eventId: uid('evt'),
        occurredAt: '2002-01-01T08:00:00+07:00',
        version: 2,
        productId: revoked,
        decisionNumber: '7/QĐ-UBND',
        revokedOn: '2002-01-01',
        reason: 'Không đạt tiêu chuẩn an toàn thực phẩm',
      }),
    );
    // Act
    const due = await fixture.ledger.productsExpiringBefore('2004-02-01');
    // Assess
    expect(due.map((p) => p.productId)).toEqual([soon]);
  });

  it('marks an expiry notice once and an expired certificate once', async () => {
    // Prepare
    const productId = uid('prod');
    await fixture.ledger.recordCertification(
      certified({ productId, issuedOn: '2001-05-01', expiresOn: '2004-05-01' }),
    );
    const notice = { productId, expiresOn: '2004-05-01', noticeDays: 60 as const };
    const expired = detail('CertificationExpired', {
      productId,
      producerId: 'htx-suoi-giang',
      decisionNumber: '1234/QĐ-UBND',
      expiredOn: '2004-05-01',
    });
    // Act
    const outcomes = [
      (await fixture.ledger.markExpiring(notice)).outcome,
      (await fixture.ledger.markExpiring(notice)).outcome,
      (await fixture.ledger.markExpired(expired)).outcome,
      (await fixture.ledger.markExpired(expired)).outcome,
    ];
    // Assess
    expect(outcomes).toEqual(['applied', 'duplicate', 'applied', 'duplicate']);
    expect((await fixture.ledger.getProduct(productId))?.status).toBe('expired');
    expect((await fixture.ledger.productsExpiringBefore('2005-01-01')).map((p) => p.productId)).not.toContain(
      productId,
    );
  });

  it('treats an expiry mark computed before a renewal as stale', async () => {
    // Prepare
    const productId = uid('prod');
    await fixture.ledger.recordCertification(
      certified({ productId, issuedOn: '2001-05-01', expiresOn: '2004-05-01' }),
    );
    await fixture.ledger.recordRenewal(renewal(productId, 2, '2004-04-20'));
    // Act
    const result = await fixture.ledger.markExpired(
      detail('CertificationExpired', {
        productId,
        producerId: 'htx-suoi-giang',
        decisionNumber: '1234/QĐ-UBND',
        expiredOn: '2004-05-01',
      }),
    );
    // Assess
    expect(result.outcome).toBe('stale');
    expect((await fixture.ledger.getProduct(productId))?.status).toBe('active');
  });
});
