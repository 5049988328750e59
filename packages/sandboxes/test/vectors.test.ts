import { describe, expect, it } from 'vitest';
import type { SandboxRequest } from '../src/core/http-types.js';
import { TokenStore } from '../src/core/token-store.js';
import {
  lazadaPushSignature,
  lazadaSign,
  shopeePushSignature,
  standardWebhookSignature,
} from '../src/index.js';
import { authenticateLazada } from '../src/lazada/lazada-auth.js';
import { acceptedLazadaSigns } from '../src/lazada/lazada-signature.js';
import { authenticatePostmart } from '../src/postmart/postmart-auth.js';
import { authenticateShopee } from '../src/shopee/shopee-auth.js';

// Every vector of /work/shared/research/marketplaces-vectors.mjs (research file §1.3, §1.7, §2.3, §2.7, §3.2).
const request = (
  method: string,
  path: string,
  query: Record<string, string>,
  body = '',
  headers = {},
): SandboxRequest => ({
  method,
  path,
  query: new URLSearchParams(query),
  headers,
  rawBody: Buffer.from(body, 'utf8'),
  bodyText: body,
});

const tokensFor = (token: string, shopId: string, now: () => number): TokenStore => {
  const store = new TokenStore({
    now,
    accessTtlMs: 3_600_000,
    refreshTtlMs: 3_600_000,
    codeTtlMs: 0,
    makeToken: () => token,
  });
  store.issue(shopId);
  return store;
};

describe('Shopee vectors (research §1.3, computed independently)', () => {
  const app = {
    kind: 'shopee',
    partnerId: 2001887,
    partnerKey: 'shpk4a6f4b52536c6e4d734e62776e5a4f6a6e6c6b6d4c6a4b6e4a6b6c4d6e4f',
  } as const;
  const now = () => 1_700_000_000_000;
  const deps = {
    app,
    now,
    timestampWindowMs: 300_000,
    tokens: tokensFor('71594a4c54537649697341796363674a', '322300222', now),
    shopExists: () => true,
    requestId: () => 'r',
  };
  const cases = [
    ['/api/v2/auth/token/get', 'fc11a27edb43e8f1bd28ee85d7a61af15505f143f5dc5eb46af7225ceccf4258', false],
    ['/api/v2/shop/auth_partner', 'af3cd9d1a726df801b8a4d29ed3f993f15aac6d4d4c524253068f5068fd63798', false],
    [
      '/api/v2/product/update_stock',
      'f0e889bcc295250f869aeac62e4a7e51e7bfa1bb6c3fb3ba252461e9226c9c17',
      true,
    ],
    ['/api/v2/product/add_item', 'f4eb32bfb30526d5c92824fc4f8da47dc5f484d459c5e695757257192dd62b71', true],
  ] as const;

  it.each(cases)('accepts the vector for %s', (path, sign, shopApi) => {
    const shop: Record<string, string> = shopApi
      ? { access_token: '71594a4c54537649697341796363674a', shop_id: '322300222' }
      : {};
    const outcome = authenticateShopee(
      request('POST', path, { partner_id: '2001887', timestamp: '1700000000', sign, ...shop }),
      deps,
    );
    expect(outcome.ok).toBe(true);
  });

  it('refuses the add_item vector sign on update_stock with error_sign', () => {
    const query = {
      partner_id: '2001887',
      timestamp: '1700000000',
      access_token: '71594a4c54537649697341796363674a',
      shop_id: '322300222',
    };
    const outcome = authenticateShopee(
      request('POST', '/api/v2/product/update_stock', { ...query, sign: cases[3][1] }),
      deps,
    );
    expect(outcome.ok ? undefined : outcome.response.body).toMatchObject({
      error: 'error_sign',
      message: 'Wrong sign.',
    });
  });

  it('signs the two push vectors (research §1.7)', () => {
    const url = 'https://ocop-sync.example.vn/webhooks/shopee';
    const order =
      '{"data":{"items":[],"ordersn":"220810QSK8S7BX","status":"PROCESSED","completed_scenario":"","update_time":1660123127},"shop_id":727720655,"code":3,"timestamp":1660123127}';
    const ban =
      '{"code":6,"shop_id":322300222,"timestamp":1700000000,"data":{"item_id":3000142341,"item_name":"Mật ong rừng U Minh OCOP 4 sao","ban_reason":"test"}}';
    expect(shopeePushSignature(app.partnerKey, url, order)).toBe(
      '371923bb69df4f68cb1982e8360fb788a196b60e24433b5470b7d7879d356c99',
    );
    expect(shopeePushSignature(app.partnerKey, url, ban.normalize('NFC'))).toBe(
      'a62e0897bb20995220fcec13a20d45aa4d1775dd561e44f1c35917d53efbc4ee',
    );
  });
});

describe('Lazada vectors (research §2.3, §2.7)', () => {
  it('matches the official doc vector and the Branch8 SDK snapshot', () => {
    const official = {
      app_key: '123456',
      access_token: 'test',
      timestamp: '1517820392000',
      sign_method: 'sha256',
      order_id: '1234',
    };
    expect(lazadaSign('helloworld', '/order/get', official)).toBe(
      '4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A',
    );
    expect(
      acceptedLazadaSigns('1234', '/test/api', { foo: '1', bar: '2', foo_bar: '3', foobar: '4' }),
    ).toContain('988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409');
  });

  const secret = 'uYdGFOw5QIoru2s8ikPh8Oy3g0AlUFupTEST';
  const token = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';
  const now = () => 1_700_000_000_000;
  const deps = {
    app: { kind: 'lazada', appKey: '112233', appSecret: secret } as const,
    now,
    timestampWindowMs: 7_200_000,
    tokens: tokensFor(token, '1234567', now),
    requestId: () => 'r',
  };
  const common = { app_key: '112233', timestamp: '1700000000000', sign_method: 'sha256' };
  const pq =
    '<Request><Product><Skus><Sku><ItemId>2374791958</ItemId><SkuId>13896560193</SkuId><SellerSku>OCOP-TH-0001</SellerSku><Quantity>25</Quantity></Sku></Skus></Product></Request>';
  const create =
    '{"Request":{"Product":{"PrimaryCategory":"10002019","Images":{"Image":["https://vn-live-02.slatic.net/p/bfee8ea9c4797ad704ff2b20323bc92c.jpg"]},"Attributes":{"name":"Mật ong rừng U Minh OCOP 4 sao","brand_id":"30768","description":"Mật ong nguyên chất"},"Skus":{"Sku":[{"SellerSku":"OCOP-CM-0001","quantity":"10","price":"185000","package_height":"10","package_length":"10","package_width":"10","package_weight":"0.5"}]}}}}';
  const cases = [
    [
      '/auth/token/create',
      { code: '0_112233_AbCdEfGhIjKlMnOp' },
      '36DA72F9BD70D114F5A2CFADB1381AA6D4E0F37F9C22CAE966BF39B4E5FD1625',
    ],
    [
      '/auth/token/refresh',
      { refresh_token: '50001600212wcwiOabwyjtEH11acc19aBOvQr9ZYkYDlr987D8BB88LIB8bj' },
      'FF0115AB169D941A3796FE59016364A1C2854B2EF24CF0AFD56134625813320D',
    ],
    [
      '/product/price_quantity/update',
      { access_token: token, payload: pq },
      '86E8B9B07E6CC4BA0262D5A0B7FFD4D1B98330EC8FFB3F48BFADF17A7968EA29',
    ],
    [
      '/product/create',
      { access_token: token, payload: create },
      '79D5F4DAE445988D11B308FD9B1B45A6161AA31713C1EBA92BA1477AB831EB1E',
    ],
  ] as const;

  it.each(cases)('accepts the computed vector for %s, sent as a form body', (path, params, sign) => {
    const body = new URLSearchParams({ ...common, ...params, sign }).toString();
    const outcome = authenticateLazada(
      request('POST', `/rest${path}`, {}, body, { 'content-type': 'application/x-www-form-urlencoded' }),
      deps,
    );
    expect(outcome.ok).toBe(true);
  });

  it('signs the push vector', () => {
    const body =
      '{"seller_id":"1234567","message_type":0,"data":{"order_status":"unpaid","trade_order_id":"260422900198363","trade_order_line_id":"260422900298363","status_update_time":1603698638},"timestamp":1603766859530,"site":"lazada_vn"}';
    expect(lazadaPushSignature(deps.app, body)).toBe(
      '8754b96908b9b8baa542ab863b7e0a6ca46d751815edee8dd498336a8ab4a4fb',
    );
  });
});

describe('Postmart vectors (research §3.2, our proposal)', () => {
  const deps = () => ({
    app: {
      kind: 'postmart',
      clientId: 'pm_app_7f3c21',
      clientSecret: 'pmsk_test_9b1d4e7a2c6f8031',
      webhookSecret: 'whsec_x',
    } as const,
    now: () => 1_700_000_000_000,
    timestampWindowMs: 300_000,
    nonces: new Map<string, number>(),
    sellerAuthorised: () => true,
    requestId: () => 'r',
  });
  const headers = (signature: string) => ({
    'x-pm-app-key': 'pm_app_7f3c21',
    'x-pm-seller-id': 'PM-SELLER-000123',
    'x-pm-timestamp': '1700000000',
    'x-pm-nonce': '3f1c9a7e-2b4d-4e8a-9c61-0d5e7f2a1b33',
    'x-pm-signature': signature,
  });

  it('accepts the PUT /v1/stock vector', () => {
    const body = '{"items":[{"seller_sku":"OCOP-TH-0001","location_code":"SR-THA-01","quantity":25}]}';
    const signed = request(
      'PUT',
      '/v1/stock',
      {},
      body,
      headers('043712b2e3d88d23abc0253a24d48fce5439673958b0386836623f12dd94fb6f'),
    );
    expect(authenticatePostmart(signed, deps()).ok).toBe(true);
  });

  it('accepts the GET /v1/products vector', () => {
    const query = { seller_sku: 'OCOP-TH-0001', page_size: '20' };
    const signed = request(
      'GET',
      '/v1/products',
      query,
      '',
      headers('054beeaab3fb28d9f6aac95492f660260564d216d7261be1439ad2e02289e9de'),
    );
    expect(authenticatePostmart(signed, deps()).ok).toBe(true);
  });

  it('signs the Standard Webhooks published vector and the Postmart-shaped one', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(
      standardWebhookSignature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const body =
      '{"type":"product.review_rejected","timestamp":"2023-11-14T22:13:20Z","data":{"product_id":"PM-P-88001","seller_sku":"OCOP-TH-0001","reason":"Tiêu đề chứa ký tự không hợp lệ"}}';
    expect(standardWebhookSignature(secret, 'msg_pm_0001', 1700000000, body)).toBe(
      'v1,EwgMiz8Kq6GVP6/SUPA7B4VJVtgLDARnOadDvD1HDes=',
    );
  });
});
