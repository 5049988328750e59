import type { DriverFactory } from './core/driver.js';
import { hostSandbox } from './core/sandbox-host.js';
import { createLazadaDriver } from './lazada/lazada-driver.js';
import { createPostmartDriver } from './postmart/postmart-driver.js';
import { createShopeeDriver } from './shopee/shopee-driver.js';
import type { MarketplaceKind, Sandbox, SandboxOptions } from './types.js';

const DRIVERS: { readonly [K in MarketplaceKind]: DriverFactory<K> } = {
  shopee: createShopeeDriver,
  lazada: createLazadaDriver,
  postmart: createPostmartDriver,
};

/**
 * Starts a local HTTP sandbox that speaks one marketplace's real seller API (signing, errors, limits).
 *
 * @example
 * const shopee = await startSandbox('shopee', { seed: 7 });
 * const shop = await shopee.createShop({ name: 'HTX Mật ong U Minh' });
 * // sign requests with shopee.app.partnerId / partnerKey and shop.accessToken, call `${shopee.url}/api/v2/...`
 * await shopee.close();
 */
export function startSandbox<K extends MarketplaceKind>(
  kind: K,
  options: SandboxOptions = {},
): Promise<Sandbox<K>> {
  const factory: DriverFactory<K> = DRIVERS[kind];
  return hostSandbox(kind, options, factory);
}
