import { certificate, productDetails } from '@ocop-sync/domain';
import { InMemoryTokenStore, type ShopAccount, toListingDraft } from '@ocop-sync/marketplaces';
import { createAwsClients, loadConfig } from '@ocop-sync/runtime';
import { type ImageHost, type Sandbox, startImageHost, startSandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapter, localImageDownloader } from '../src/marketplace-wiring.js';

const fastRetry = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, budgetMs: 5_000 };

describe('local mode: Shopee images come from LOCAL_IMAGE_ORIGIN', () => {
  let shopee: Sandbox<'shopee'>;
  let images: ImageHost;

  beforeAll(async () => {
    [shopee, images] = await Promise.all([startSandbox('shopee', { port: 0 }), startImageHost()]);
  });
  afterAll(async () => {
    await Promise.all([shopee.close(), images.close()]);
  });

  it('maps https://host/path to <origin>/host/path, keeping the path', async () => {
    const download = localImageDownloader(`${images.url}/`);
    const found = await download('https://cdn.ocop.example.vn/p/mat-ong.jpg', {
      signal: AbortSignal.timeout(5_000),
    });
    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toBe('image/jpeg');
    const missing = await download('https://cdn.ocop.example.vn/p/missing.jpg', {
      signal: AbortSignal.timeout(5_000),
    });
    expect(missing.status).toBe(404);
  });

  it('lists a product on the Shopee sandbox with images downloaded from the local image host', async () => {
    const config = loadConfig({
      LEDGER_TABLE_NAME: 'unused',
      EVENT_BUS_NAME: 'ocop-test',
      OCOP_MODE: 'local',
      SHOPEE_BASE_URL: shopee.url,
      LOCAL_IMAGE_ORIGIN: images.url,
      LOCAL_MARKETPLACE_APPS: JSON.stringify({
        shopee: { partnerId: shopee.app.partnerId, partnerKey: shopee.app.partnerKey },
      }),
    });
    const { adapter } = createChannelAdapter(config, createAwsClients(config), 'shopee', {
      retry: fastRetry,
    });
    const shop = await shopee.createShop({ name: 'HTX Ong mật U Minh Hạ' });
    const tokens = new InMemoryTokenStore();
    const account: ShopAccount = { channel: 'shopee', shopId: shop.shopId, tokens };
    await tokens.put(account, {
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      accessExpiresAt: shop.accessTokenExpiresAt,
    });
    const product = productDetails.parse({
      productId: 'OCOP-CM-0001',
      name: 'Mật ong rừng U Minh Hạ',
      description: 'Mật ong nguyên chất khai thác từ rừng tràm U Minh Hạ, thu hoạch theo mùa.',
      group: 'food',
      producer: { producerId: 'HTX-UMINH', name: 'HTX Ong mật U Minh Hạ', type: 'cooperative' },
      area: { province: 'Cà Mau', district: 'U Minh' },
      priceVnd: 185_000,
      weightGrams: 700,
      packageSize: { lengthCm: 10, widthCm: 10, heightCm: 18 },
      images: ['https://cdn.ocop.example.vn/p/mat-ong-1.jpg', 'https://cdn.ocop.example.vn/p/mat-ong-2.jpg'],
    });
    const fourStars = certificate.parse({
      decisionNumber: '1234/QĐ-UBND',
      issuedOn: '2024-03-15',
      stars: 4,
      issuer: 'UBND tỉnh Cà Mau',
    });
    const mapped = toListingDraft('shopee', { product, certificate: fourStars, stock: 5 });
    if (!mapped.ok) throw new Error(`fixture refused: ${mapped.field}`);
    await adapter.upsertListing(account, mapped.draft);
    const [item] = shopee.listItems(shop.shopId);
    expect(item?.images).toHaveLength(2);
    expect(
      shopee.requestLog().filter((entry) => entry.path === '/api/v2/media_space/upload_image'),
    ).toHaveLength(2);
  });
});
