import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { lazadaClient } from './clients.js';
import { lazadaHoneyJson, lazadaTeaXml } from './fixtures.js';

describe('Lazada sandbox', () => {
  let sandbox: Sandbox<'lazada'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof lazadaClient>;

  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { seed: 21 });
    shop = await sandbox.createShop({ name: 'HTX Chè Suối Giàng' });
    call = lazadaClient(sandbox, shop.accessToken);
  });
  afterAll(() => sandbox.close());

  it('creates from a JSON payload in a form body and serves /product/item/get', async () => {
    const created = await call('POST', '/product/create', {
      params: { payload: lazadaHoneyJson('OCOP-CM-0100') },
    });
    expect(created.body).toMatchObject({ code: '0', data: { sku_list: [{ seller_sku: 'OCOP-CM-0100' }] } });
    const itemId = String((created.body.data as { item_id: number }).item_id);
    const read = await call('GET', '/product/item/get', { params: { item_id: itemId } });
    expect(read.body).toMatchObject({
      code: '0',
      data: {
        status: 'Active',
        attributes: { name: 'Mật ong rừng U Minh OCOP 4 sao' },
        skus: [{ SellerSku: 'OCOP-CM-0100', quantity: 10, price: 185_000 }],
      },
    });
  });

  it('creates from an XML payload sent in the query string (CDATA and entities kept)', async () => {
    const created = await call('POST', '/product/create', {
      params: { payload: lazadaTeaXml() },
      transport: 'query',
    });
    expect(created.body.code).toBe('0');
    const item = sandbox.listItems(shop.shopId).find((candidate) => candidate.sellerSku === 'OCOP-YB-0007');
    expect(item).toMatchObject({
      status: 'live',
      price: 320_000,
      stock: 5,
      categoryId: '10002020',
      weightGrams: 300,
    });
    expect(item?.description).toBe('<p>Trà & hương rừng</p>');
  });

  it('updates price and quantity, deactivates once, re-activates and removes', async () => {
    const created = await call('POST', '/product/create', {
      params: { payload: lazadaHoneyJson('OCOP-CM-0200') },
    });
    const data = created.body.data as { item_id: number; sku_list: Array<{ sku_id: number }> };
    const [itemId, skuId] = [String(data.item_id), String(data.sku_list[0]?.sku_id)];
    const pq = `<Request><Product><Skus><Sku><ItemId>${itemId}</ItemId><SkuId>${skuId}</SkuId><Price>190000</Price><Quantity>0</Quantity></Sku></Skus></Product></Request>`;
    expect(
      (await call('POST', '/product/price_quantity/update', { params: { payload: pq } })).body.code,
    ).toBe('0');
    const view = () => sandbox.listItems(shop.shopId).find((item) => item.externalItemId === itemId);
    expect(view()).toMatchObject({ price: 190_000, stock: 0 });
    const body = `<Request><Product><ItemId>${itemId}</ItemId></Product></Request>`;
    expect((await call('POST', '/product/deactivate', { params: { apiRequestBody: body } })).body.code).toBe(
      '0',
    );
    expect((await call('POST', '/product/deactivate', { params: { apiRequestBody: body } })).body.code).toBe(
      'E0004',
    );
    expect(view()?.status).toBe('unlisted');
    const activate = JSON.stringify({
      Request: { Product: { ItemId: itemId, Skus: { Sku: [{ SkuId: skuId, Status: 'active' }] } } },
    });
    expect((await call('POST', '/product/update', { params: { payload: activate } })).body.code).toBe('0');
    expect(view()?.status).toBe('live');
    const removed = await call('POST', '/product/remove', {
      params: { sku_id_list: JSON.stringify([`SkuId_${itemId}_${skuId}`]) },
    });
    expect(removed.body.code).toBe('0');
    expect(view()?.status).toBe('deleted');
  });

  it('refuses a negative quantity with a per-SKU detail and changes nothing', async () => {
    const pq =
      '<Request><Product><Skus><Sku><SellerSku>OCOP-YB-0007</SellerSku><Quantity>-3</Quantity></Sku></Skus></Product></Request>';
    const answer = await call('POST', '/product/price_quantity/update', { params: { payload: pq } });
    expect(answer.body).toMatchObject({ code: '501', detail: [{ field: 'Skus.Sku[0]', code: '4152' }] });
  });

  it.each([
    ['an external image', '4138', 'Images.Image', lazadaTeaXml(undefined, 'https://example.com/tea.jpg')],
    ['a title over 255 UTF-8 bytes', '4160', 'Attributes.name', lazadaTeaXml('Trà '.repeat(60))],
    ['a forbidden character', '4129', 'Attributes.name', lazadaTeaXml('Trà &lt;ngon&gt; Suối Giàng')],
    [
      'a missing category attribute',
      '4110',
      'Attributes.shelf_life',
      lazadaTeaXml().replace('<shelf_life>24 tháng</shelf_life>', ''),
    ],
    ['a non-leaf category', '4134', 'PrimaryCategory', lazadaTeaXml().replace('10002020', '10000001')],
    [
      'a zero price',
      '4118',
      'Skus.Sku[0].price',
      lazadaTeaXml().replace('<price>320000</price>', '<price>0</price>'),
    ],
    [
      'a missing SellerSku',
      '1',
      'sellersku',
      lazadaTeaXml().replace('<SellerSku>OCOP-YB-0007</SellerSku>', ''),
    ],
  ])('rejects %s with code %s naming %s', async (_what, code, field, payload) => {
    const answer = await call('POST', '/product/create', { params: { payload } });
    expect(answer.body).toMatchObject({ type: 'ISV', code });
    expect(String(answer.body.message)).toContain(field);
  });

  it('rejects a duplicate SellerSku with 4105', async () => {
    const answer = await call('POST', '/product/create', {
      params: { payload: lazadaHoneyJson('OCOP-CM-0100') },
    });
    expect(answer.body.code).toBe('4105');
  });

  it('refuses a wrong sign with IncompleteSignature and a missing sign with MissingParameter', async () => {
    const wrong = await call('GET', '/product/item/get', { params: { item_id: '1' }, sign: 'A'.repeat(64) });
    expect(wrong.body).toMatchObject({ type: 'ISV', code: 'IncompleteSignature' });
    const raw = await fetch(`${sandbox.url}/rest/product/item/get?app_key=${sandbox.app.appKey}&item_id=1`);
    expect(await raw.json()).toMatchObject({ code: 'MissingParameter' });
  });

  it('refuses a timestamp more than 7200 s off, and accepts the ISO form', async () => {
    const stale = await call('GET', '/product/item/get', {
      params: { item_id: '1' },
      timestamp: String(Date.now() - 7_201_000),
    });
    expect(stale.body.code).toBe('InvalidTimestamp');
    const iso = await call('GET', '/product/item/get', {
      params: { item_id: '1' },
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    expect(iso.body.code).toBe('4137');
  });

  it('exchanges a code, refreshes without resetting the refresh expiry, and refuses expired tokens', async () => {
    const seller = await sandbox.createShop();
    const created = await call('POST', '/auth/token/create', {
      params: { code: seller.authCode },
      accessToken: null,
    });
    expect(created.body).toMatchObject({
      code: '0',
      expires_in: 604_800,
      country_user_info: [{ seller_id: seller.shopId }],
    });
    const refreshed = await call('POST', '/auth/token/refresh', {
      params: { refresh_token: String(created.body.refresh_token) },
      accessToken: null,
    });
    expect(refreshed.body).toMatchObject({ code: '0' });
    expect(Number(refreshed.body.refresh_expires_in)).toBeLessThanOrEqual(
      Number(created.body.refresh_expires_in),
    );
    const spent = await call('POST', '/auth/token/refresh', {
      params: { refresh_token: String(created.body.refresh_token) },
      accessToken: null,
    });
    expect(spent.body.code).toBe('IllegalRefreshToken');
    sandbox.expireAccessToken(seller.shopId);
    const expired = await call('GET', '/product/item/get', {
      params: { item_id: '1' },
      accessToken: String(refreshed.body.access_token),
    });
    expect(expired.body).toMatchObject({ type: 'ISV', code: 'IllegalAccessToken' });
  });

  it('answers ApiCallLimit past the per-seller bucket', async () => {
    const limited = await startSandbox('lazada', {
      rateLimits: { perShop: { ratePerSecond: 0.001, burst: 1 } },
    });
    try {
      const seller = await limited.createShop();
      const limitedCall = lazadaClient(limited, seller.accessToken);
      await limitedCall('GET', '/product/item/get', { params: { item_id: '1' } });
      const answer = await limitedCall('GET', '/product/item/get', { params: { item_id: '1' } });
      expect(answer.body).toMatchObject({
        code: 'ApiCallLimit',
        message: 'Api access frequency exceeds the limit. this ban will last 1 seconds',
      });
    } finally {
      await limited.close();
    }
  });
});
