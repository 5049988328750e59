import { afterEach, describe, expect, it } from 'vitest';
import { type FaultConfig, type Sandbox, startSandbox } from '../src/index.js';
import { shopeeClient } from './clients.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sandbox) => sandbox.close()));
});

async function shopee(seed: number): Promise<{ sandbox: Sandbox<'shopee'>; get: () => Promise<number> }> {
  const sandbox = await startSandbox('shopee', { seed, rateLimits: { perApp: false, perShop: false } });
  opened.push(sandbox);
  const shop = await sandbox.createShop();
  const call = shopeeClient(sandbox, shop);
  const get = async () => {
    try {
      return (await call('GET', '/api/v2/product/get_item_base_info', { query: { item_id_list: '1' } }))
        .status;
    } catch {
      return 0;
    }
  };
  return { sandbox, get };
}

async function statuses(seed: number, faults: FaultConfig, count: number): Promise<number[]> {
  const { sandbox, get } = await shopee(seed);
  sandbox.faults.set(faults);
  const seen: number[] = [];
  for (let index = 0; index < count; index += 1) seen.push(await get());
  return seen;
}

describe('fault injection', () => {
  it('replays the same faults for the same seed, and other faults for another seed', async () => {
    const faults = { errorRate: 0.3, dropRate: 0.2, errorStatus: 503 } as const;
    const first = await statuses(7, faults, 30);
    const second = await statuses(7, faults, 30);
    const third = await statuses(8, faults, 30);
    expect(second).toEqual(first);
    expect(third).not.toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(0);
    expect(first).toContain(200);
  });

  it('answers a 5xx in the marketplace error shape and logs the fault', async () => {
    const { sandbox } = await shopee(1);
    sandbox.faults.set({ errorRate: 1, errorStatus: 502 });
    const shop = await sandbox.createShop();
    const answer = await shopeeClient(sandbox, shop)('GET', '/api/v2/product/get_item_base_info', {
      query: { item_id_list: '1' },
    });
    expect(answer).toMatchObject({ status: 502, body: { error: 'error_server' } });
    expect(sandbox.requestLog().at(-1)).toMatchObject({
      status: 502,
      fault: 'error',
      path: '/api/v2/product/get_item_base_info',
    });
  });

  it('holds a request past the client timeout, drops connections, adds latency and throttles a burst', async () => {
    const { sandbox, get } = await shopee(2);
    sandbox.faults.set({ timeoutRate: 1, hangMs: 5_000 });
    const shop = await sandbox.createShop();
    const query = new URLSearchParams({ partner_id: String(sandbox.app.partnerId) });
    const started = Date.now();
    await expect(
      fetch(`${sandbox.url}/api/v2/product/get_item_base_info?${query}`, {
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    sandbox.faults.set({ dropRate: 1 });
    await expect(fetch(`${sandbox.url}/api/v2/product/get_item_base_info`)).rejects.toThrow();
    sandbox.faults.set({ latencyMs: 150 });
    const before = Date.now();
    expect(await get()).toBe(200);
    expect(Date.now() - before).toBeGreaterThanOrEqual(140);
    sandbox.faults.set({ throttleNext: 2 });
    expect([await get(), await get(), await get()]).toEqual([429, 429, 200]);
    sandbox.faults.clear();
    expect(shop.shopId).toBeTruthy();
  });
});

describe('control API over HTTP', () => {
  it('creates a shop, sets and clears faults, lists items and requests, and resets', async () => {
    const sandbox = await startSandbox('lazada');
    opened.push(sandbox);
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.url}/__sandbox${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));
    const info = await control('GET', '/info');
    expect(info.body).toMatchObject({ kind: 'lazada', app: { appKey: sandbox.app.appKey } });
    const shop = await control('POST', '/shops', { name: 'HTX Cà phê Sơn La' });
    expect(shop).toMatchObject({ status: 201, body: { name: 'HTX Cà phê Sơn La' } });
    expect((await control('GET', `/shops/${String(shop.body.shopId)}/items`)).body).toEqual({ items: [] });
    expect((await control('PUT', '/faults', { errorRate: 1 })).status).toBe(200);
    expect((await fetch(`${sandbox.url}/rest/product/item/get`)).status).toBe(503);
    expect((await control('PUT', '/faults', { errorRate: 2 })).body).toMatchObject({
      error: 'invalid_request',
      field: 'errorRate',
    });
    await control('DELETE', '/faults');
    expect(String((await control('POST', `/shops/${String(shop.body.shopId)}/auth-code`)).body.code)).toMatch(
      /^0_/,
    );
    expect((await control('GET', '/requests')).body.requests).toHaveLength(1);
    expect((await control('GET', '/shops/nope/items')).status).toBe(404);
    await control('POST', '/reset');
    expect((await control('GET', `/shops/${String(shop.body.shopId)}/items`)).status).toBe(404);
  });
});
