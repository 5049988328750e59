import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxShop, startSandbox } from '../src/index.js';
import { shopeeClient, shopeeHoneyOn } from './clients.js';

interface ListedItem {
  item_id: number;
  item_status: string;
  update_time: number;
}
interface ItemListPage {
  item: ListedItem[];
  total_count: number;
  has_next_page: boolean;
  next_offset: number;
}

const LIST = '/api/v2/product/get_item_list';

describe('Shopee sandbox: get_item_list', () => {
  let sandbox: Sandbox<'shopee'>;
  let shop: SandboxShop;
  let call: ReturnType<typeof shopeeClient>;
  const ids: Record<'normal' | 'unlisted' | 'deleted' | 'other', number> = {
    normal: 0,
    unlisted: 0,
    deleted: 0,
    other: 0,
  };

  const page = async (query: Record<string, string | readonly string[]>): Promise<ItemListPage> => {
    const answer = await call('GET', LIST, { query });
    expect(answer.body).toMatchObject({ error: '', message: '' });
    expect(answer.body).toHaveProperty('request_id');
    return answer.body.response as ItemListPage;
  };

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 31, rateLimits: { perApp: false, perShop: false } });
    shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    call = shopeeClient(sandbox, shop);
    const add = async (sku: string) => {
      const created = await call('POST', '/api/v2/product/add_item', {
        body: { ...(await shopeeHoneyOn(sandbox)), item_sku: sku },
      });
      return (created.body.response as { item_id: number }).item_id;
    };
    ids.normal = await add('OCOP-CM-L1');
    ids.unlisted = await add('OCOP-CM-L2');
    ids.deleted = await add('OCOP-CM-L3');
    await call('POST', '/api/v2/product/unlist_item', {
      body: { item_list: [{ item_id: ids.unlisted, unlist: true }] },
    });
    await call('POST', '/api/v2/product/delete_item', { body: { item_id: ids.deleted } });
    const other = await sandbox.createShop({ name: 'HTX khác' });
    const created = await shopeeClient(sandbox, other)('POST', '/api/v2/product/add_item', {
      body: await shopeeHoneyOn(sandbox),
    });
    ids.other = (created.body.response as { item_id: number }).item_id;
  });
  afterAll(() => sandbox.close());

  it('pages through the shop’s items with repeated item_status, offset and next_offset', async () => {
    const statuses = ['NORMAL', 'UNLIST', 'REVIEWING', 'BANNED'];
    const first = await page({ offset: '0', page_size: '1', item_status: statuses });
    expect(first).toMatchObject({ total_count: 2, has_next_page: true, next_offset: 1 });
    expect(first.item).toEqual([
      { item_id: ids.normal, item_status: 'NORMAL', update_time: expect.any(Number) },
    ]);
    const second = await page({ offset: String(first.next_offset), page_size: '1', item_status: statuses });
    expect(second).toMatchObject({ total_count: 2, has_next_page: false, next_offset: 2 });
    expect(second.item).toEqual([
      { item_id: ids.unlisted, item_status: 'UNLIST', update_time: expect.any(Number) },
    ]);
    const past = await page({ offset: '5', page_size: '100', item_status: statuses });
    expect(past).toMatchObject({ item: [], total_count: 2, has_next_page: false });
  });

  it('filters by status (comma list too), leaves other shops out, and shows deletions on request', async () => {
    const normal = await page({ offset: '0', page_size: '100', item_status: 'NORMAL' });
    expect(normal.item.map((item) => item.item_id)).toEqual([ids.normal]);
    const both = await page({ offset: '0', page_size: '100', item_status: 'NORMAL,UNLIST' });
    expect(both.item.map((item) => item.item_id)).toEqual([ids.normal, ids.unlisted]);
    expect(both.item.map((item) => item.item_id)).not.toContain(ids.other);
    const deleted = await page({ offset: '0', page_size: '100', item_status: ['SELLER_DELETE'] });
    expect(deleted.item).toEqual([
      { item_id: ids.deleted, item_status: 'SELLER_DELETE', update_time: expect.any(Number) },
    ]);
    const alias = await page({ offset: '0', page_size: '100', item_status: 'DELETED' });
    expect(alias.item.map((item) => item.item_id)).toEqual([ids.deleted]);
  });

  it('filters by update_time_from / update_time_to (Unix seconds, inclusive)', async () => {
    const all = await page({ offset: '0', page_size: '100', item_status: ['NORMAL', 'UNLIST'] });
    const latest = Math.max(...all.item.map((item) => item.update_time));
    const window = await page({
      offset: '0',
      page_size: '100',
      item_status: ['NORMAL', 'UNLIST'],
      update_time_from: String(latest),
      update_time_to: String(latest),
    });
    expect(window.item.length).toBeGreaterThan(0);
    expect(window.item.every((item) => item.update_time === latest)).toBe(true);
    const future = await page({
      offset: '0',
      page_size: '100',
      item_status: 'NORMAL',
      update_time_from: String(latest + 3_600),
    });
    expect(future).toMatchObject({ item: [], total_count: 0, has_next_page: false });
  });

  it.each([
    ['a page_size over 100', { offset: '0', page_size: '101', item_status: 'NORMAL' }, 'page_size'],
    ['a page_size of 0', { offset: '0', page_size: '0', item_status: 'NORMAL' }, 'page_size'],
    ['no offset', { page_size: '10', item_status: 'NORMAL' }, 'offset'],
    ['no item_status', { offset: '0', page_size: '10' }, 'item_status'],
    ['an unknown item_status', { offset: '0', page_size: '10', item_status: 'ACTIVE' }, 'item_status'],
    [
      'update_time_from after update_time_to',
      { offset: '0', page_size: '10', item_status: 'NORMAL', update_time_from: '20', update_time_to: '10' },
      'update_time_from',
    ],
  ])('refuses %s with error_param naming %s', async (_what, query, field) => {
    const answer = await call('GET', LIST, { query });
    expect(answer.body).toMatchObject({ error: 'error_param' });
    expect(String(answer.body.message)).toContain(field);
    expect(answer.body).not.toHaveProperty('response');
  });

  it('goes through the shop-level signature, token and fault checks like every route', async () => {
    const query = { offset: '0', page_size: '10', item_status: 'NORMAL' };
    const wrong = await call('GET', LIST, { query, sign: 'f'.repeat(64) });
    expect(wrong.body).toMatchObject({ error: 'error_sign' });
    const stranger = await call('GET', LIST, { query, accessToken: 'not-a-token' });
    expect(stranger.body).toMatchObject({ error: 'error_auth' });
    sandbox.faults.set({ seed: 1, errorRate: 1, errorStatus: 500 });
    try {
      const failed = await call('GET', LIST, { query });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ error: 'error_server' });
    } finally {
      sandbox.faults.clear();
    }
    const log = sandbox.requestLog().filter((entry) => entry.path === LIST);
    expect(log.at(-1)).toMatchObject({ method: 'GET', fault: 'error', status: 500 });
  });
});
