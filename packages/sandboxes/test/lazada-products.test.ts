import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { lazadaClient } from './clients.js';
import { lazadaHoneyJson } from './fixtures.js';

interface ProductsData {
  total_products: number;
  products: Array<{
    item_id: number;
    status: string;
    attributes: { name?: string };
    skus: Array<{ SkuId: number; SellerSku: string; quantity: number; price: number; Status: string }>;
  }>;
}

describe('Lazada sandbox: /products/get', () => {
  let sandbox: Sandbox<'lazada'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof lazadaClient>;
  const made: Record<string, { itemId: string; skuId: string }> = {};

  const products = async (params: Record<string, string>, method: 'GET' | 'POST' = 'GET') => {
    const answer = await call(method, '/products/get', { params });
    expect(answer.body).toMatchObject({ code: '0' });
    expect(answer.body).toHaveProperty('request_id');
    return answer.body.data as ProductsData;
  };
  const idsOf = (data: ProductsData) => data.products.map((product) => String(product.item_id));

  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { seed: 41, rateLimits: { perApp: false, perShop: false } });
    shop = await sandbox.createShop({ name: 'HTX Chè Suối Giàng' });
    call = lazadaClient(sandbox, shop.accessToken);
    for (const sku of ['OCOP-CM-P1', 'OCOP-CM-P2', 'OCOP-CM-P3']) {
      const created = await call('POST', '/product/create', { params: { payload: lazadaHoneyJson(sku) } });
      const data = created.body.data as { item_id: number; sku_list: Array<{ sku_id: number }> };
      made[sku] = { itemId: String(data.item_id), skuId: String(data.sku_list[0]?.sku_id) };
    }
    const p2 = made['OCOP-CM-P2'];
    const p3 = made['OCOP-CM-P3'];
    const body = `<Request><Product><ItemId>${p2?.itemId}</ItemId></Product></Request>`;
    await call('POST', '/product/deactivate', { params: { apiRequestBody: body } });
    await call('POST', '/product/remove', {
      params: { sku_id_list: JSON.stringify([`SkuId_${p3?.itemId}_${p3?.skuId}`]) },
    });
    const other = await sandbox.createShop({ name: 'HTX khác' });
    await lazadaClient(sandbox, other.accessToken)('POST', '/product/create', {
      params: { payload: lazadaHoneyJson('OCOP-CM-P1') },
    });
  });
  afterAll(() => sandbox.close());

  it('finds a product by sku_seller_list with the fields GetProductItem has', async () => {
    const data = await products({ filter: 'all', limit: '50', sku_seller_list: '["OCOP-CM-P1"]' });
    expect(data.total_products).toBe(1);
    expect(data.products).toMatchObject([
      {
        item_id: Number(made['OCOP-CM-P1']?.itemId),
        status: 'Active',
        attributes: { name: 'Mật ong rừng U Minh OCOP 4 sao' },
        skus: [
          {
            SkuId: Number(made['OCOP-CM-P1']?.skuId),
            SellerSku: 'OCOP-CM-P1',
            quantity: 10,
            price: 185_000,
            Status: 'active',
          },
        ],
      },
    ]);
    const none = await products({ filter: 'all', sku_seller_list: JSON.stringify(['OCOP-UNKNOWN']) });
    expect(none).toEqual({ total_products: 0, products: [] });
  });

  it('applies filter: all leaves deleted products out, inactive and deleted have their own', async () => {
    const all = await products({ filter: 'all' });
    expect(idsOf(all)).toEqual([made['OCOP-CM-P1']?.itemId, made['OCOP-CM-P2']?.itemId]);
    const inactive = await products({
      filter: 'inactive',
      sku_seller_list: JSON.stringify(['OCOP-CM-P1', 'OCOP-CM-P2']),
    });
    expect(inactive.products).toMatchObject([
      { status: 'InActive', skus: [{ SellerSku: 'OCOP-CM-P2', Status: 'inactive' }] },
    ]);
    const live = await products({ filter: 'live' });
    expect(idsOf(live)).toEqual([made['OCOP-CM-P1']?.itemId]);
    const deleted = await products({ filter: 'deleted', sku_seller_list: '["OCOP-CM-P3"]' });
    expect(deleted.products).toMatchObject([
      { item_id: Number(made['OCOP-CM-P3']?.itemId), status: 'Deleted' },
    ]);
    expect(await products({ filter: 'pending' })).toEqual({ total_products: 0, products: [] });
  });

  it('pages with offset and limit, searches names and SKUs, and bounds by update time', async () => {
    const first = await products({ filter: 'all', offset: '0', limit: '1' });
    expect(first.total_products).toBe(2);
    expect(idsOf(first)).toEqual([made['OCOP-CM-P1']?.itemId]);
    const second = await products({ filter: 'all', offset: '1', limit: '1' }, 'POST');
    expect(idsOf(second)).toEqual([made['OCOP-CM-P2']?.itemId]);
    expect((await products({ filter: 'all', search: 'cm-p2' })).total_products).toBe(1);
    expect((await products({ filter: 'all', search: 'mật ong' })).total_products).toBe(2);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await products({ filter: 'all', update_after: future })).toEqual({
      total_products: 0,
      products: [],
    });
    expect((await products({ filter: 'all', update_before: future })).total_products).toBe(2);
  });

  it.each([
    ['a sku_seller_list that is not a JSON array', { sku_seller_list: 'OCOP-CM-P1' }, 'sku_seller_list'],
    ['a limit over 50', { limit: '51' }, 'limit'],
    ['a negative offset', { offset: '-1' }, 'offset'],
    ['an unknown filter', { filter: 'online' }, 'filter'],
    ['a malformed date', { update_after: 'yesterday' }, 'update_after'],
  ])('refuses %s with E005 naming %s', async (_what, params, field) => {
    const answer = await call('GET', '/products/get', { params });
    expect(answer.body).toMatchObject({ type: 'ISV', code: '5' });
    expect(String(answer.body.message)).toContain(field);
  });

  it('goes through the signature, token and fault checks like every route', async () => {
    const params = { filter: 'all', sku_seller_list: '["OCOP-CM-P1"]' };
    const wrong = await call('GET', '/products/get', { params, sign: 'A'.repeat(64) });
    expect(wrong.body).toMatchObject({ code: 'IncompleteSignature' });
    const stranger = await call('GET', '/products/get', { params, accessToken: 'not-a-token' });
    expect(stranger.body).toMatchObject({ code: 'IllegalAccessToken' });
    sandbox.faults.set({ seed: 1, errorRate: 1, errorStatus: 500 });
    try {
      const failed = await call('GET', '/products/get', { params });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ type: 'ISP', code: '6' });
    } finally {
      sandbox.faults.clear();
    }
  });
});
