import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { hmacHex, lazadaClient, postmartClient, shopeeClient } from './clients.js';

const CALLBACK = 'https://api.ocop.example.vn/v1/shops/callback';

/** Control API over HTTP, as another process (the local stack, a test) drives it. */
async function control(sandbox: Sandbox, method: string, path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Shopee authorisation pages', () => {
  let sandbox: Sandbox<'shopee'>;
  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 41 });
  });
  afterAll(() => sandbox.close());

  /** A link signed test-side: public-API sign over partner_id + path + timestamp. */
  function link(path: string, redirect?: string): string {
    const { partnerId, partnerKey } = sandbox.app;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = new URL(`${sandbox.url}${path}`);
    url.searchParams.set('partner_id', String(partnerId));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', hmacHex(partnerKey, `${partnerId}${path}${timestamp}`));
    if (redirect !== undefined) url.searchParams.set('redirect', redirect);
    return url.toString();
  }

  it('renders an HTML consent page that posts back to the signed link', async () => {
    const page = await fetch(link('/api/v2/shop/auth_partner', `${CALLBACK}?state=x`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/api/v2/shop/auth_partner?partner_id=');
    expect(html).toContain('name="shop_id"');
  });

  it('refuses a link without redirect, and an unknown shop at the click', async () => {
    const missing = await fetch(link('/api/v2/shop/auth_partner'));
    expect(await missing.json()).toMatchObject({
      error: 'error_param',
      message: 'There is no redirect in query.',
    });
    const unknown = await sandbox.consent({
      authorizationUrl: link('/api/v2/shop/auth_partner', CALLBACK),
      shopId: '999',
    });
    expect(unknown).toMatchObject({ status: 404 });
    expect(unknown.location).toBeUndefined();
  });

  it('issues a code token/get accepts once, through the control route', async () => {
    const shop = await sandbox.createShop();
    const consent = await control(sandbox, 'POST', '/consent', {
      authorizationUrl: link('/api/v2/shop/auth_partner', `${CALLBACK}?state=abc`),
      shopId: shop.shopId,
    });
    expect(consent.body).toMatchObject({ status: 302 });
    const back = new URL(String(consent.body.location));
    expect(back.searchParams.get('state')).toBe('abc');
    expect(back.searchParams.get('shop_id')).toBe(shop.shopId);
    const body = {
      code: back.searchParams.get('code'),
      partner_id: sandbox.app.partnerId,
      shop_id: Number(shop.shopId),
    };
    const call = shopeeClient(sandbox);
    expect((await call('POST', '/api/v2/auth/token/get', { body })).body).toMatchObject({ error: '' });
    expect((await call('POST', '/api/v2/auth/token/get', { body })).body).toMatchObject({
      error: 'invalid_code',
    });
  });

  it('cancel_auth_partner ends the authorisation: access and refresh tokens are refused', async () => {
    const shop = await sandbox.createShop();
    const cancelled = await sandbox.consent({
      authorizationUrl: link('/api/v2/shop/cancel_auth_partner', CALLBACK),
      shopId: shop.shopId,
    });
    expect(cancelled.location).toBe(`${CALLBACK}?shop_id=${shop.shopId}`);
    const read = await shopeeClient(sandbox, shop)('GET', '/api/v2/product/get_item_list', {
      query: { offset: '0', page_size: '10', item_status: 'NORMAL' },
    });
    expect(read.body).toMatchObject({ error: 'error_auth', message: 'Invalid access_token.' });
    const refresh = await shopeeClient(sandbox)('POST', '/api/v2/auth/access_token/get', {
      body: {
        refresh_token: shop.refreshToken,
        partner_id: sandbox.app.partnerId,
        shop_id: Number(shop.shopId),
      },
    });
    expect(refresh.body).toMatchObject({ error: 'error_auth', message: 'Invalid refresh_token.' });
    expect(sandbox.requestLog()).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/api/v2/shop/cancel_auth_partner', status: 302 }),
    );
  });
});

describe('Lazada authorisation page', () => {
  let sandbox: Sandbox<'lazada'>;
  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { seed: 42 });
  });
  afterAll(() => sandbox.close());

  function authorize(params: Record<string, string>): string {
    const url = new URL(`${sandbox.url}/oauth/authorize`);
    const all = { response_type: 'code', force_auth: 'true', client_id: sandbox.app.appKey, ...params };
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    return url.toString();
  }

  it('refuses every redirect_uri while no callback is registered', async () => {
    const seller = await sandbox.createShop();
    const outcome = await sandbox.consent({
      authorizationUrl: authorize({ redirect_uri: CALLBACK }),
      shopId: seller.shopId,
    });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toContain('no callback URL registered');
  });

  it('takes the callback registered over the control API and echoes state with a code token/create accepts', async () => {
    expect((await control(sandbox, 'PUT', '/app/callback-url', { callbackUrl: CALLBACK })).status).toBe(200);
    const seller = await sandbox.createShop();
    const outcome = await sandbox.consent({
      authorizationUrl: authorize({ redirect_uri: CALLBACK, state: 'st-1' }),
      shopId: seller.shopId,
    });
    expect(outcome.status).toBe(302);
    const back = new URL(outcome.location ?? '');
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';
    const call = lazadaClient(sandbox);
    const created = await call('POST', '/auth/token/create', { params: { code } });
    expect(created.body).toMatchObject({
      code: '0',
      country_user_info: [{ country: 'vn', seller_id: seller.shopId }],
    });
    expect((await call('POST', '/auth/token/create', { params: { code } })).body).toMatchObject({
      code: 'InvalidCode',
    });
  });

  it('takes the callback from the CLI too, and refuses one that is not a URL', () => {
    expect(parseCliArgs(['lazada', '--callback-url', CALLBACK])).toMatchObject({
      ok: true,
      args: { callbackUrl: CALLBACK },
    });
    expect(parseCliArgs(['lazada', '--callback-url', 'not a url'])).toMatchObject({ ok: false });
  });

  it('refuses an unknown client_id on the page, and sends an unsupported response_type back to the callback', async () => {
    sandbox.setCallbackUrl(CALLBACK);
    const badClient = await fetch(authorize({ redirect_uri: CALLBACK, client_id: '1' }));
    expect(badClient.status).toBe(400);
    expect(await badClient.text()).toContain('invalid_client');
    const badType = await fetch(authorize({ redirect_uri: CALLBACK, response_type: 'token', state: 'z' }), {
      redirect: 'manual',
    });
    expect(badType.headers.get('location')).toBe(`${CALLBACK}?error=unsupported_response_type&state=z`);
  });
});

describe('Postmart back-office grant pages (our addition to the proposal)', () => {
  let sandbox: Sandbox<'postmart'>;
  beforeAll(async () => {
    sandbox = await startSandbox('postmart', { seed: 43 });
  });
  afterAll(() => sandbox.close());

  const page = (path: string, params: Record<string, string>) => {
    const url = new URL(`${sandbox.url}/back-office/partner-apps/${path}`);
    for (const [name, value] of Object.entries({ app_key: sandbox.app.clientId, ...params }))
      url.searchParams.set(name, value);
    return url.toString();
  };

  it('a revoked seller is refused with 403 SELLER_NOT_AUTHORIZED until the seller grants again', async () => {
    const seller = await sandbox.createShop();
    const read = () =>
      postmartClient(sandbox, seller.shopId)('GET', '/v1/products', { query: { page_size: '1' } });
    expect((await read()).status).toBe(200);
    await sandbox.consent({ authorizationUrl: page('revoke', {}), shopId: seller.shopId });
    expect(await read()).toMatchObject({ status: 403, body: { code: 'SELLER_NOT_AUTHORIZED' } });
    const granted = await sandbox.consent({
      authorizationUrl: page('grant', { redirect_uri: CALLBACK, state: 'g1' }),
      shopId: seller.shopId,
    });
    expect(granted.location).toBe(`${CALLBACK}?seller_id=${seller.shopId}&state=g1`);
    expect((await read()).status).toBe(200);
  });

  it('refuses an unknown app key and, once a callback is registered, any other redirect_uri', async () => {
    const unknownApp = await fetch(page('grant', { app_key: 'pm_app_nope', redirect_uri: CALLBACK }));
    expect(unknownApp.status).toBe(400);
    expect(await unknownApp.text()).toContain('UNKNOWN_APP_KEY');
    sandbox.setCallbackUrl(CALLBACK);
    const other = await fetch(page('grant', { redirect_uri: 'https://elsewhere.example/cb' }));
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('does not match');
  });
});
