import type { Channel } from '@ocop-sync/domain';
import type { ImageHost, Sandbox } from '@ocop-sync/sandboxes';
import { startImageHost, startSandbox } from '@ocop-sync/sandboxes';
import {
  type AdapterOptions,
  type ImageDownloader,
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

/**
 * Producer-hosted images, as the events carry them: Shopee downloads and uploads them to its media space,
 * Lazada migrates them, Postmart takes the URLs. No internet here: downloads go to a local image host.
 */
export const images = [
  'https://cdn.ocop.example.vn/p/ocop-mat-ong-1.jpg',
  'https://cdn.ocop.example.vn/p/ocop-mat-ong-2.jpg',
];

let imageHost: Promise<ImageHost> | undefined;

/** One image host per test file, started on first use; it does not keep the process alive. */
export const sharedImageHost = (): Promise<ImageHost> => {
  imageHost ??= startImageHost();
  return imageHost;
};

/** `https://host/path` fetched from `${origin}/host/path`, as the local stack wires it. */
export const viaImageHost =
  (origin: () => Promise<string>): ImageDownloader =>
  async (url, init) => {
    const { host, pathname } = new URL(url);
    return fetch(`${await origin()}/${host}${pathname}`, init);
  };

const defaultDownload = viaImageHost(async () => (await sharedImageHost()).url);

export function adapterFor(
  sandbox: Sandbox,
  extra: Partial<AdapterOptions> & { downloadImage?: ImageDownloader } = {},
): MarketplaceAdapter {
  const { downloadImage = defaultDownload, ...options } = extra;
  const common = { retry: fastRetry, timeoutMs: 5_000, ...options };
  const app = sandbox.app;
  if (app.kind === 'shopee') {
    return new ShopeeAdapter({
      ...common,
      baseUrl: sandbox.url,
      partnerId: app.partnerId,
      partnerKey: app.partnerKey,
      downloadImage,
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
