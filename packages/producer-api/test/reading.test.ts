import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, certified, detail, startApiHarness, uid } from './support/harness.js';

/** Producer and official reads against DynamoDB Local, with data written through the ledger's own API. */
describe('reading routes', () => {
  let api: ApiHarness;
  const producerId = uid('HTX');
  const neighbourId = uid('HTX');
  const tea = uid('TEA');
  const honey = uid('HONEY');
  const neighbourRice = uid('RICE');
  const province = 'Yên Bái';
  let producerToken: string;

  beforeAll(async () => {
    api = await startApiHarness();
    const { ledger } = api.deps;
    await ledger.recordCertification(certified({ productId: tea, producerId, district: 'Văn Chấn' }));
    await ledger.recordCertification(
      certified({ productId: honey, producerId, district: 'Lục Yên', name: 'Mật ong Lục Yên' }),
    );
    await ledger.recordCertification(
      certified({
        productId: neighbourRice,
        producerId: neighbourId,
        district: 'Văn Chấn',
        name: 'Gạo nếp Tú Lệ',
      }),
    );
    const movement = (
      productId: string,
      locationId: string,
      type: 'showroom' | 'warehouse',
      quantity: number,
    ) =>
      ledger.applyMovement({
        detailType: 'StockReceived',
        detail: detail('StockReceived', {
          movementId: uid('mv'),
          occurredAt: '2024-12-01T10:00:00+07:00',
          productId,
          location: { type, locationId },
          quantity,
        }),
      });
    await movement(tea, 'W1', 'warehouse', 40);
    await movement(tea, 'SR-YB-01', 'showroom', 6);
    for (const [productId, owner] of [
      [tea, producerId],
      [honey, producerId],
      [neighbourRice, neighbourId],
    ] as const) {
      const planned = await ledger.setDesiredListing({
        productId,
        producerId: owner,
        channel: 'shopee',
        listing: { state: 'listed', priceVnd: 350_000, productVersion: 1 },
      });
      expect(planned.outcome).toBe('applied');
    }
    const synced = await ledger.recordListingSynced(
      detail('ListingSynced', {
        productId: tea,
        producerId,
        channel: 'shopee',
        productVersion: 1,
        externalItemId: '880001',
        status: 'live',
        syncedAt: '2024-12-01T10:05:00+07:00',
      }),
      { stockVersion: 2 },
    );
    expect(synced.outcome).toBe('applied');
    const failed = await ledger.recordListingFailed(
      detail('ListingFailed', {
        productId: honey,
        producerId,
        channel: 'shopee',
        productVersion: 1,
        failure: {
          kind: 'permanent',
          code: 'error_image',
          field: 'images',
          message: { vi: 'Sản phẩm cần ít nhất một ảnh.', en: 'The product needs at least one image.' },
        },
        failedAt: '2024-12-01T10:06:00+07:00',
      }),
    );
    expect(failed.outcome).toBe('applied');
    producerToken = await api.mint({ role: 'producer', producerId });
  });
  afterAll(async () => {
    await api?.close();
  });
  const get = (path: string, token = producerToken) => api.call({ method: 'GET', path, token });

  it("lists the producer's own products only, with their certificate status", async () => {
    const answer = await get(`/v1/producers/${producerId}/products`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ count: 2 });
    expect(answer.body).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({
          productId: honey,
          name: 'Mật ong Lục Yên',
          stars: 4,
          certificateStatus: 'active',
        }),
      ]),
    });
    expect(answer.text).not.toContain(neighbourRice);
  });

  it('lists certificates with their decision and expiry (36 months by default)', async () => {
    const answer = await get(`/v1/producers/${producerId}/certificates`);
    expect(answer.body).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({ productId: tea, decisionNumber: '1234/QĐ-UBND', expiresOn: '2027-11-14' }),
      ]),
    });
  });

  it('lists listings with status and the failure reason in Vietnamese and English, filtered by status', async () => {
    const all = await get(`/v1/producers/${producerId}/listings`);
    expect(all.body).toMatchObject({ count: 2 });
    const failed = await get(`/v1/producers/${producerId}/listings?status=failed`);
    expect(failed.body).toEqual({
      count: 1,
      items: [
        {
          productId: honey,
          channel: 'shopee',
          status: 'failed',
          priceVnd: 350_000,
          failure: {
            kind: 'permanent',
            code: 'error_image',
            field: 'images',
            reason: { vi: 'Sản phẩm cần ít nhất một ảnh.', en: 'The product needs at least one image.' },
            failedAt: '2024-12-01T10:06:00+07:00',
          },
        },
      ],
    });
    const live = await get(`/v1/producers/${producerId}/listings?status=live`);
    expect(live.body).toMatchObject({
      items: [{ productId: tea, status: 'live', externalItemId: '880001' }],
    });
  });

  it('gives stock per showroom and warehouse', async () => {
    const answer = await get(`/v1/producers/${producerId}/stock`);
    expect(answer.status).toBe(200);
    const teaStock = (answer.body as { items: { productId: string; locations: unknown[] }[] }).items.find(
      (item) => item.productId === tea,
    );
    expect(teaStock?.locations).toEqual(
      expect.arrayContaining([
        { type: 'warehouse', locationId: 'W1', quantity: 40 },
        { type: 'showroom', locationId: 'SR-YB-01', quantity: 6 },
      ]),
    );
  });

  it("gives a district official their district's coverage and failures, and nothing of another district", async () => {
    const token = await api.mint({ role: 'district-official', province, district: 'Văn Chấn' });
    const base = `/v1/provinces/${encodeURIComponent(province)}/districts/${encodeURIComponent('Văn Chấn')}`;
    const coverage = await get(`${base}/coverage`, token);
    expect(coverage.status).toBe(200);
    expect(coverage.body).toMatchObject({
      province,
      district: 'Văn Chấn',
      producers: 2,
      producersLive: 1,
      liveShare: 0.5,
      meetsTarget: true,
      liveByChannel: { shopee: 1, lazada: 0, postmart: 0 },
    });
    const failures = await get(`${base}/failures`, token);
    expect(failures.body).toMatchObject({ count: 0 });
    const lucYen = await get(
      `/v1/provinces/${encodeURIComponent(province)}/districts/${encodeURIComponent('Lục Yên')}/failures`,
      token,
    );
    expect(lucYen.status).toBe(403);
  });

  it("gives a provincial official the province's failures with reasons in both languages", async () => {
    // The path may arrive in NFD (decomposed) Unicode: it is the same province.
    const token = await api.mint({ role: 'provincial-official', province });
    const answer = await get(
      `/v1/provinces/${encodeURIComponent(province.normalize('NFD'))}/failures`,
      token,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      count: 1,
      items: [
        {
          productId: honey,
          producerId,
          district: 'Lục Yên',
          status: 'failed',
          reason: { vi: 'Sản phẩm cần ít nhất một ảnh.', en: 'The product needs at least one image.' },
        },
      ],
    });
    const coverage = await get(`/v1/provinces/${encodeURIComponent(province)}/coverage`, token);
    expect(coverage.body).toMatchObject({ certifiedProducts: 3, producers: 2, producersLive: 1 });
  });
});
