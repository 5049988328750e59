import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { lazadaClient, postmartClient, shopeeClient, shopeeHoneyOn } from './clients.js';
import { lazadaHoneyJson, postmartHoney } from './fixtures.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sandbox) => sandbox.close()));
});

async function open<K extends 'shopee' | 'lazada' | 'postmart'>(kind: K): Promise<Sandbox<K>> {
  const sandbox = await startSandbox(kind, { seed: 3, rateLimits: { perApp: false, perShop: false } });
  opened.push(sandbox);
  return sandbox;
}

/** A Shopee shop holding one honey item with stock 10, and a signed client for it. */
async function shopeeWithItem() {
  const sandbox = await open('shopee');
  const shop = await sandbox.createShop();
  const call = shopeeClient(sandbox, shop);
  const created = await call('POST', '/api/v2/product/add_item', { body: await shopeeHoneyOn(sandbox) });
  const itemId = String((created.body.response as { item_id: number }).item_id);
  const setStock = (stock: number) =>
    call('POST', '/api/v2/product/update_stock', {
      body: { item_id: Number(itemId), stock_list: [{ model_id: 0, seller_stock: [{ stock }] }] },
    });
  return { sandbox, shop, call, itemId, setStock };
}

const control = (sandbox: Sandbox, method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

describe('ignored writes (ignoreWriteRate)', () => {
  it('answers an ignored stock write exactly as an applied one, leaves the item as it was and logs it', async () => {
    const { sandbox, shop, setStock } = await shopeeWithItem();
    const [before] = sandbox.listItems(shop.shopId);
    sandbox.faults.set({ ignoreWriteRate: 1 });
    const ignored = await setStock(4);
    sandbox.faults.clear();
    const applied = await setStock(4);

    expect(ignored.status).toBe(applied.status);
    expect({ ...ignored.body, request_id: '' }).toEqual({ ...applied.body, request_id: '' });
    expect(ignored.body.response).toEqual({
      failure_list: [],
      success_list: [{ model_id: 0, location_id: '', stock: 4 }],
    });
    const writes = sandbox.requestLog().filter((entry) => entry.path === '/api/v2/product/update_stock');
    expect(writes.map((entry) => entry.fault)).toEqual(['ignored', undefined]);
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({
      stock: 4,
      version: (before?.version ?? 0) + 1,
    });
  });

  it('ignores price writes too: a Postmart price and a Lazada price answer success and change nothing', async () => {
    const postmart = await open('postmart');
    const seller = await postmart.createShop();
    const pm = postmartClient(postmart, seller.shopId);
    const created = await pm('POST', '/v1/products', { body: postmartHoney('OCOP-TH-P1') });
    const productId = String((created.body.data as { product_id: string }).product_id);
    postmart.faults.set({ ignoreWriteRate: 1 });
    const price = await pm('PUT', `/v1/products/${productId}/skus/OCOP-TH-P1/price`, {
      body: { price_vnd: 99_000 },
    });
    expect(price).toMatchObject({ status: 200, body: { code: 'OK', data: { price_vnd: 99_000 } } });
    expect(postmart.listItems(seller.shopId)[0]).toMatchObject({ price: 150_000, version: 1 });
    expect(postmart.requestLog().at(-1)).toMatchObject({ fault: 'ignored', status: 200 });

    const lazada = await open('lazada');
    const shop = await lazada.createShop();
    const laz = lazadaClient(lazada, shop.accessToken);
    await laz('POST', '/product/create', { params: { payload: lazadaHoneyJson('OCOP-CM-P1') } });
    lazada.faults.set({ ignoreWriteRate: 1 });
    const sku = { SellerSku: 'OCOP-CM-P1', Price: '99000' };
    const payload = JSON.stringify({ Request: { Product: { Skus: { Sku: [sku] } } } });
    const answer = await laz('POST', '/product/price_quantity/update', { params: { payload } });
    expect(answer.body).toMatchObject({ code: '0' });
    expect(lazada.listItems(shop.shopId)[0]).toMatchObject({ price: 185_000, version: 1 });
    expect(lazada.requestLog().at(-1)).toMatchObject({ fault: 'ignored' });
  });

  it('leaves other writes alone: an item update still applies', async () => {
    const { sandbox, shop, call, itemId } = await shopeeWithItem();
    sandbox.faults.set({ ignoreWriteRate: 1 });
    const item_name = 'Mật ong rừng U Minh Hạ loại một';
    await call('POST', '/api/v2/product/update_item', { body: { item_id: Number(itemId), item_name } });
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({ title: item_name });
    expect(sandbox.requestLog().some((entry) => entry.fault === 'ignored')).toBe(false);
  });
});

describe('campaign-locked stock', () => {
  it('Shopee: refuses lowering in update_stock failure_list, allows raising, and lowering after unlock', async () => {
    const { sandbox, shop, itemId, setStock } = await shopeeWithItem();
    sandbox.lockCampaignStock(shop.shopId, itemId);
    const lowered = await setStock(3);
    expect(lowered.body).toMatchObject({
      error: '',
      response: {
        success_list: [],
        failure_list: [{ model_id: 0, failed_reason: 'Total stock must be more than reserved stock' }],
      },
    });
    await setStock(12);
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({ stock: 12 });
    sandbox.unlockCampaignStock(shop.shopId, itemId);
    await setStock(3);
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({ stock: 3 });
  });

  it('Lazada: refuses lowering with 501 and a per-SKU 4170 detail', async () => {
    const sandbox = await open('lazada');
    const shop = await sandbox.createShop();
    const call = lazadaClient(sandbox, shop.accessToken);
    const created = await call('POST', '/product/create', {
      params: { payload: lazadaHoneyJson('OCOP-CM-L1') },
    });
    const itemId = String((created.body.data as { item_id: number }).item_id);
    sandbox.lockCampaignStock(shop.shopId, itemId);
    const sku = { ItemId: itemId, SellerSku: 'OCOP-CM-L1', SellableQuantity: '3' };
    const payload = JSON.stringify({ Request: { Product: { Skus: { Sku: [sku] } } } });
    const answer = await call('POST', '/product/stock/sellable/update', { params: { payload } });
    expect(answer.body).toMatchObject({
      code: '501',
      detail: [{ seller_sku: 'OCOP-CM-L1', code: '4170' }],
    });
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({ stock: 10 });
  });

  it('Postmart: refuses lowering with a per-item STOCK_LOCKED_BY_CAMPAIGN result', async () => {
    const sandbox = await open('postmart');
    const shop = await sandbox.createShop();
    const call = postmartClient(sandbox, shop.shopId);
    const created = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-L1') });
    const productId = String((created.body.data as { product_id: string }).product_id);
    sandbox.lockCampaignStock(shop.shopId, productId);
    const item = { seller_sku: 'OCOP-TH-L1', location_code: 'SR-THA-01', quantity: 3 };
    const answer = await call('PUT', '/v1/stock', { body: { items: [item] } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      data: { results: [{ seller_sku: 'OCOP-TH-L1', ok: false, code: 'STOCK_LOCKED_BY_CAMPAIGN' }] },
    });
    expect(sandbox.listItems(shop.shopId)[0]).toMatchObject({ stock: 25 });
  });
});

describe('seller-centre controls over HTTP', () => {
  it('edits by hand, locks, unlocks and bans an item, validating each body', async () => {
    const { sandbox, shop, itemId, call, setStock } = await shopeeWithItem();
    const item = `/shops/${shop.shopId}/items/${itemId}`;

    const edit = await control(sandbox, 'POST', `${item}/seller-centre-edit`, { stock: 2, priceVnd: 99_000 });
    expect(edit).toMatchObject({ status: 200, body: { stock: 2, price: 99_000, version: 2 } });
    expect(await control(sandbox, 'POST', `${item}/seller-centre-edit`, { stock: -1 })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', field: 'stock' },
    });
    expect(await control(sandbox, 'POST', `${item}/seller-centre-edit`, {})).toMatchObject({ status: 400 });
    expect(
      await control(sandbox, 'POST', `/shops/${shop.shopId}/items/1/seller-centre-edit`, { stock: 1 }),
    ).toMatchObject({ status: 404 });

    expect(await control(sandbox, 'PUT', `${item}/campaign-lock`)).toMatchObject({ status: 200 });
    expect((await setStock(1)).body).toMatchObject({ response: { success_list: [] } });
    expect(await control(sandbox, 'DELETE', `${item}/campaign-lock`)).toMatchObject({ status: 200 });
    expect((await setStock(1)).body).toMatchObject({ response: { failure_list: [] } });

    expect(await control(sandbox, 'POST', `${item}/ban`, {})).toMatchObject({ status: 400 });
    const ban = await control(sandbox, 'POST', `${item}/ban`, { reason: 'Hàng cấm' });
    expect(ban).toMatchObject({ status: 200, body: { status: 'banned' } });
    const read = await call('GET', '/api/v2/product/get_item_base_info', { query: { item_id_list: itemId } });
    expect(read.body).toMatchObject({ response: { item_list: [{ item_status: 'BANNED' }] } });
  });
});
