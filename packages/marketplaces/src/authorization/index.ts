import type { Channel } from '@ocop-sync/domain';
import type { ShopeeAdapterOptions } from '../shopee/adapter.js';
import { type LazadaAuthorizerOptions, LazadaShopAuthorizer } from './lazada.js';
import { type PostmartAuthorizerOptions, PostmartShopAuthorizer } from './postmart.js';
import { ShopeeShopAuthorizer } from './shopee.js';
import type { ShopAuthorizer } from './types.js';

export * from './errors.js';
export type { LazadaAuthorizerOptions } from './lazada.js';
export { LazadaShopAuthorizer } from './lazada.js';
export type { PostmartAuthorizerOptions } from './postmart.js';
export { PostmartShopAuthorizer } from './postmart.js';
export { ShopeeShopAuthorizer } from './shopee.js';
export type * from './types.js';

/** The options each channel's authorizer takes: its adapter's, plus where the seller's page lives. */
export interface ShopAuthorizerOptions {
  shopee: ShopeeAdapterOptions;
  lazada: LazadaAuthorizerOptions;
  postmart: PostmartAuthorizerOptions;
}

const factories: { [C in Channel]: (options: ShopAuthorizerOptions[C]) => ShopAuthorizer } = {
  shopee: (options) => new ShopeeShopAuthorizer(options),
  lazada: (options) => new LazadaShopAuthorizer(options),
  postmart: (options) => new PostmartShopAuthorizer(options),
};

/** The authorisation flow of one marketplace, configured like that marketplace's adapter. */
export function createShopAuthorizer<C extends Channel>(
  channel: C,
  options: ShopAuthorizerOptions[C],
): ShopAuthorizer {
  return factories[channel](options);
}
