import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { shopeeClient, shopeeHoneyOn } from './clients.js';
import { shopeeHoney } from './fixtures.js';

describe('Shopee sandbox', () => {
  let sandbox: Sandbox<'shopee'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof shopeeClient>;
  let honey: typeof shopeeHoney;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 11 });
    shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    call = shopeeClient(sandbox, shop);
    honey = await shopeeHoneyOn(sandbox);
  });
  afterAll(() => sandbox.close());

  const addItem = async (overrides: Record<string, unknown> = {}) =>
    call('POST', '/api/v2/product/add_item', { body: { ...honey, ...overrides } });

  it('creates an item and shows it through get_item_base_info', async () => {
    const created = await addItem();
    expect(created.body).toMatchObject({ error: '', response: { item_status: 'NORMAL' } });
    const itemId = (created.body.response as { item_id: number }).item_id;
    const read = await call('GET', '/api/v2/product/get_item_base_info', {
      query: { item_id_list: `[${itemId}]` },
    });
    expect(read.body).toMatchObject({
      error: '',
      response: {
        item_list: [
          {
            item_id: itemId,
            item_name: 'Mật ong rừng U Minh OCOP 4 sao',
            price_info: [{ original_price: 185_000 }],
            stock_info_v2: { summary_info: { total_available_stock: 10 } },
          },
        ],
      },
    });
    expect(
      sandbox.listItems(shop.shopId).find((item) => item.externalItemId === String(itemId)),
    ).toMatchObject({
      status: 'live',
      price: 185_000,
      stock: 10,
      weightGrams: 500,
      categoryId: '100629',
    });
  });

  it('applies update_price, update_stock, unlist_item and delete_item', async () => {
    const created = await addItem({ item_sku: 'OCOP-CM-0002' });
    const itemId = (created.body.response as { item_id: number }).item_id;
    const price = await call('POST', '/api/v2/product/update_price', {
      body: { item_id: itemId, price_list: [{ original_price: 199_000 }] },
    });
    expect(price.body).toMatchObject({
      error: '',
      response: { failure_list: [], success_list: [{ model_id: 0, original_price: 199_000 }] },
    });
    const stock = await call('POST', '/api/v2/product/update_stock', {
      body: {
        item_id: itemId,
        stock_list: [
          { model_id: 0, seller_stock: [{ stock: 0 }] },
          { model_id: 9, seller_stock: [{ stock: 1 }] },
        ],
      },
    });
    expect(stock.body).toMatchObject({
      response: { success_list: [{ model_id: 0, stock: 0 }], failure_list: [{ model_id: 9 }] },
    });
    await call('POST', '/api/v2/product/unlist_item', {
      body: { item_list: [{ item_id: itemId, unlist: true }] },
    });
    const view = () => sandbox.listItems(shop.shopId).find((item) => item.externalItemId === String(itemId));
    expect(view()).toMatchObject({ price: 199_000, stock: 0, status: 'unlisted' });
    await call('POST', '/api/v2/product/delete_item', { body: { item_id: itemId } });
    expect(view()?.status).toBe('deleted');
    const again = await call('POST', '/api/v2/product/update_price', {
      body: { item_id: itemId, price_list: [{ original_price: 1_000 }] },
    });
    expect(again.body).toMatchObject({ error: 'error_item_not_found' });
  });

  it('refuses a wrong sign with error_sign', async () => {
    const answer = await call('POST', '/api/v2/product/add_item', {
      body: shopeeHoney,
      sign: 'f'.repeat(64),
    });
    expect(answer.body).toMatchObject({ error: 'error_sign', message: 'Wrong sign.' });
    expect(answer.body).toHaveProperty('request_id');
  });

  it('refuses a timestamp more than 5 minutes off with error_param "Invalid timestamp."', async () => {
    const answer = await call('GET', '/api/v2/product/get_item_base_info', {
      query: { item_id_list: '1' },
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(answer.body).toMatchObject({ error: 'error_param', message: 'Invalid timestamp.' });
  });

  it.each([
    [{ item_name: 'Mật' }, 'error_item_name_is_too_short', 'item_name'],
    [{ item_name: 'M'.repeat(101) }, 'error_title_exceeds_max_length', 'item_name'],
    [{ original_price: 185_000.5 }, 'error_invalid_price', 'original_price'],
    [{ original_price: 500 }, 'error_price_exceed_min_limitt', 'original_price'],
    [{ image: { image_id_list: [] } }, 'error_image_num_min', 'image.image_id_list'],
    [{ category_id: 100001 }, 'error_invalid_category', 'category_id'],
    [{ attribute_list: [] }, 'error_less_required_attribute', 'attribute_list'],
    [{ seller_stock: [{ stock: -1 }] }, 'error_param', 'seller_stock[0].stock'],
    [{ weight: 0 }, 'error_param', 'weight'],
  ])('rejects %j with %s naming %s', async (overrides, error, field) => {
    const answer = await addItem(overrides);
    expect(answer.body.error).toBe(error);
    expect(String(answer.body.message)).toContain(field);
  });

  it('exchanges an auth code, refreshes with rotation and refuses a spent refresh token', async () => {
    const publicCall = shopeeClient(sandbox);
    const fresh = await sandbox.createShop();
    const got = await publicCall('POST', '/api/v2/auth/token/get', {
      body: { code: fresh.authCode, partner_id: sandbox.app.partnerId, shop_id: Number(fresh.shopId) },
    });
    expect(got.body).toMatchObject({ error: '', expire_in: 14_400 });
    const reused = await publicCall('POST', '/api/v2/auth/token/get', {
      body: { code: fresh.authCode, partner_id: sandbox.app.partnerId, shop_id: Number(fresh.shopId) },
    });
    expect(reused.body).toMatchObject({ error: 'invalid_code' });
    const refreshBody = {
      refresh_token: got.body.refresh_token,
      partner_id: sandbox.app.partnerId,
      shop_id: Number(fresh.shopId),
    };
    const refreshed = await publicCall('POST', '/api/v2/auth/access_token/get', { body: refreshBody });
    expect(refreshed.body).toMatchObject({ error: '', shop_id: Number(fresh.shopId) });
    expect(refreshed.body.access_token).not.toBe(got.body.access_token);
    const spent = await publicCall('POST', '/api/v2/auth/access_token/get', { body: refreshBody });
    expect(spent.body).toMatchObject({ error: 'error_auth', message: 'Invalid refresh_token.' });
  });

  it('refuses an expired access token with error_auth', async () => {
    const other = await sandbox.createShop();
    sandbox.expireAccessToken(other.shopId);
    const answer = await shopeeClient(sandbox, other)('GET', '/api/v2/product/get_item_base_info', {
      query: { item_id_list: '1' },
    });
    expect(answer.body).toMatchObject({ error: 'error_auth', message: 'Invalid access_token.' });
  });
});

describe('Shopee sandbox clock and limits', () => {
  it('expires access tokens after the configured TTL and throttles past the shop bucket', async () => {
    let now = Date.now();
    const sandbox = await startSandbox('shopee', {
      now: () => now,
      tokenTtlSeconds: 60,
      rateLimits: { perShop: { ratePerSecond: 1, burst: 2 } },
    });
    try {
      const shop = await sandbox.createShop();
      const call = shopeeClient(sandbox, shop);
      const get = () =>
        call('GET', '/api/v2/product/get_item_base_info', {
          query: { item_id_list: '1' },
          timestamp: Math.floor(now / 1000),
        });
      expect((await get()).body.error).toBe('');
      expect((await get()).body.error).toBe('');
      const throttled = await get();
      expect(throttled.status).toBe(429);
      expect(throttled.body).toMatchObject({ error: 'error_system_busy' });
      now += 61_000;
      expect((await get()).body).toMatchObject({ error: 'error_auth' });
    } finally {
      await sandbox.close();
    }
  });
});
