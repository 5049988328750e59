import { createHash } from 'node:crypto';
import type { Channel } from '@ocop-sync/domain';
import type { Sandbox } from '@ocop-sync/sandboxes';
import { startSandbox } from '@ocop-sync/sandboxes';
import {
  type AdapterOptions,
  InMemoryTokenStore,
  LazadaAdapter,
  type ListingDraft,
  type MarketplaceAdapter,
  PostmartAdapter,
  type ShopAccount,
  ShopeeAdapter,
  toListingDraft,
} from '../src/index.js';
import { fourStars, honey } from './fixtures.js';

/** Quick retries so throttling tests finish fast; the budget still bounds them. */
export const fastRetry = { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200, budgetMs: 10_000 };

/** Lazada takes only its own image host, so the contract uses slatic.net URLs everywhere. */
export const images = [
  'https://vn-live-02.slatic.net/p/ocop-mat-ong-1.jpg',
  'https://vn-live-02.slatic.net/p/ocop-mat-ong-2.jpg',
];

/** Shopee media-space ids stand-in: a stable id per URL (the sandbox has no upload endpoint). */
const fakeImageIds = async (urls: readonly string[]) =>
  urls.map((url) => `vn-${createHash('sha1').update(url).digest('hex').slice(0, 24)}`);

export function adapterFor(sandbox: Sandbox, extra: Partial<AdapterOptions> = {}): MarketplaceAdapter {
  const common = { retry: fastRetry, timeoutMs: 5_000, ...extra };
  const app = sandbox.app;
  if (app.kind === 'shopee') {
    return new ShopeeAdapter({
      ...common,
      baseUrl: sandbox.url,
      partnerId: app.partnerId,
      partnerKey: app.partnerKey,
      resolveImages: fakeImageIds,
    });
  }
  if (app.kind === 'lazada') {
    return new LazadaAdapter({
      ...common,
      baseUrl: `${sandbox.url}/rest`,
      appKey: app.appKey,
      appSecret: app.appSecret,
    });
  }
  return new PostmartAdapter({
    ...common,
    baseUrl: sandbox.url,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
  });
}

export async function connectShop(sandbox: Sandbox): Promise<ShopAccount> {
  const shop = await sandbox.createShop({ name: 'HTX Ong mật U Minh Hạ' });
  const tokens = new InMemoryTokenStore();
  const account: ShopAccount = { channel: sandbox.kind, shopId: shop.shopId, tokens };
  await tokens.put(account, {
    accessToken: shop.accessToken,
    refreshToken: shop.refreshToken,
    accessExpiresAt: shop.accessTokenExpiresAt,
    refreshExpiresAt: shop.refreshTokenExpiresAt,
  });
  return account;
}

let counter = 0;

/** A draft for a product with a fresh seller SKU, mapped by the real mapping. */
export function freshDraft(channel: Channel, overrides: Record<string, unknown> = {}): ListingDraft {
  counter += 1;
  const sku = `OCOP-CM-${process.pid}-${counter}`;
  const product = honey({ productId: sku, images, ...overrides });
  const result = toListingDraft(channel, { product, certificate: fourStars, stock: 25 });
  if (!result.ok) throw new Error(`fixture refused: ${result.field}`);
  return result.draft;
}

export { startSandbox };
