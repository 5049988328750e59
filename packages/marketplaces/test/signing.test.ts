import { describe, expect, it } from 'vitest';
import { canonicalQuery, lazadaSign, postmartSign, shopeeSign } from '../src/index.js';

// Vectors from /work/shared/research/marketplaces-vectors.mjs (research §1.3, §2.3, §3.2).
// Lazada's first vector is published in its official guide ("HTTP request sample"); the second is the
// Branch8 SDK's snapshot; every other vector was computed independently by the research (Node crypto,
// cross-checked with Python hmac) and is not published by the marketplaces.

describe('Shopee request signing', () => {
  const partnerKey = 'shpk4a6f4b52536c6e4d734e62776e5a4f6a6e6c6b6d4c6a4b6e4a6b6c4d6e4f';
  const common = { partnerId: 2001887, timestamp: 1700000000 };
  const shop = { accessToken: '71594a4c54537649697341796363674a', shopId: '322300222' };

  it.each([
    ['/api/v2/auth/token/get', 'fc11a27edb43e8f1bd28ee85d7a61af15505f143f5dc5eb46af7225ceccf4258'],
    ['/api/v2/shop/auth_partner', 'af3cd9d1a726df801b8a4d29ed3f993f15aac6d4d4c524253068f5068fd63798'],
  ])('signs the public API %s over partner_id + path + timestamp', (path, sign) => {
    expect(shopeeSign(partnerKey, { ...common, path })).toBe(sign);
  });

  it.each([
    ['/api/v2/product/update_stock', 'f0e889bcc295250f869aeac62e4a7e51e7bfa1bb6c3fb3ba252461e9226c9c17'],
    ['/api/v2/product/add_item', 'f4eb32bfb30526d5c92824fc4f8da47dc5f484d459c5e695757257192dd62b71'],
  ])('signs the shop API %s with access_token and shop_id appended', (path, sign) => {
    expect(shopeeSign(partnerKey, { ...common, path, ...shop })).toBe(sign);
  });
});

describe('Lazada request signing', () => {
  it("matches the official guide's vector (GetOrder, secret helloworld)", () => {
    const params = {
      app_key: '123456',
      access_token: 'test',
      timestamp: '1517820392000',
      sign_method: 'sha256',
      order_id: '1234',
    };
    expect(lazadaSign('helloworld', '/order/get', params)).toBe(
      '4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A',
    );
  });

  it('matches the Branch8 SDK snapshot and sorts names in ASCII order (bar, foo, foo_bar, foobar)', () => {
    const params = { foo: '1', bar: '2', foo_bar: '3', foobar: '4' };
    expect(lazadaSign('1234', '/test/api', params)).toBe(
      '988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409',
    );
  });

  const secret = 'uYdGFOw5QIoru2s8ikPh8Oy3g0AlUFupTEST';
  const common = { app_key: '112233', timestamp: '1700000000000', sign_method: 'sha256' };
  const accessToken = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';

  it('signs token creation and refresh without an access token', () => {
    expect(lazadaSign(secret, '/auth/token/create', { ...common, code: '0_112233_AbCdEfGhIjKlMnOp' })).toBe(
      '36DA72F9BD70D114F5A2CFADB1381AA6D4E0F37F9C22CAE966BF39B4E5FD1625',
    );
    const refresh_token = '50001600212wcwiOabwyjtEH11acc19aBOvQr9ZYkYDlr987D8BB88LIB8bj';
    expect(lazadaSign(secret, '/auth/token/refresh', { ...common, refresh_token })).toBe(
      'FF0115AB169D941A3796FE59016364A1C2854B2EF24CF0AFD56134625813320D',
    );
  });

  it('signs an XML stock payload and a Vietnamese JSON create payload as raw UTF-8 values', () => {
    const xml =
      '<Request><Product><Skus><Sku><ItemId>2374791958</ItemId><SkuId>13896560193</SkuId><SellerSku>OCOP-TH-0001</SellerSku><Quantity>25</Quantity></Sku></Skus></Product></Request>';
    expect(
      lazadaSign(secret, '/product/price_quantity/update', {
        ...common,
        access_token: accessToken,
        payload: xml,
      }),
    ).toBe('86E8B9B07E6CC4BA0262D5A0B7FFD4D1B98330EC8FFB3F48BFADF17A7968EA29');
    const product = {
      PrimaryCategory: '10002019',
      Images: { Image: ['https://vn-live-02.slatic.net/p/bfee8ea9c4797ad704ff2b20323bc92c.jpg'] },
      Attributes: {
        name: 'Mật ong rừng U Minh OCOP 4 sao',
        brand_id: '30768',
        description: 'Mật ong nguyên chất',
      },
      Skus: {
        Sku: [
          {
            SellerSku: 'OCOP-CM-0001',
            quantity: '10',
            price: '185000',
            package_height: '10',
            package_length: '10',
            package_width: '10',
            package_weight: '0.5',
          },
        ],
      },
    };
    const payload = JSON.stringify({ Request: { Product: product } }).normalize('NFC');
    expect(lazadaSign(secret, '/product/create', { ...common, access_token: accessToken, payload })).toBe(
      '79D5F4DAE445988D11B308FD9B1B45A6161AA31713C1EBA92BA1477AB831EB1E',
    );
  });

  it('leaves the sign parameter itself out of the base string', () => {
    const params = { ...common, sign: 'anything' };
    const { sign: _ignored, ...rest } = params;
    expect(lazadaSign(secret, '/x', params)).toBe(lazadaSign(secret, '/x', rest));
  });
});

describe('Postmart request signing (our proposed contract)', () => {
  const base = {
    appKey: 'pm_app_7f3c21',
    sellerId: 'PM-SELLER-000123',
    timestamp: '1700000000',
    nonce: '3f1c9a7e-2b4d-4e8a-9c61-0d5e7f2a1b33',
  };
  const secret = 'pmsk_test_9b1d4e7a2c6f8031';

  it('signs a stock write over the canonical string with the body hash', () => {
    const body = '{"items":[{"seller_sku":"OCOP-TH-0001","location_code":"SR-THA-01","quantity":25}]}';
    expect(postmartSign(secret, { ...base, method: 'PUT', path: '/v1/stock', query: {}, body })).toBe(
      '043712b2e3d88d23abc0253a24d48fce5439673958b0386836623f12dd94fb6f',
    );
  });

  it('signs a read with a sorted canonical query and the empty-body hash', () => {
    const query = { seller_sku: 'OCOP-TH-0001', page_size: '20' };
    expect(canonicalQuery(query)).toBe('page_size=20&seller_sku=OCOP-TH-0001');
    expect(postmartSign(secret, { ...base, method: 'GET', path: '/v1/products', query, body: '' })).toBe(
      '054beeaab3fb28d9f6aac95492f660260564d216d7261be1439ad2e02289e9de',
    );
  });
});
