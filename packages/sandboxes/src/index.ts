export { MARKETPLACE_DEFAULTS } from './constants.js';
export { faultConfigSchema, pushDataSchema } from './core/schemas.js';
export { SandboxError, UnknownItemError, UnknownShopError } from './errors.js';
export { type ImageHost, type ImageHostOptions, placeholderJpeg, startImageHost } from './image-host.js';
export { lazadaPushSignature } from './lazada/lazada-push.js';
export { lazadaSign } from './lazada/lazada-signature.js';
export { standardWebhookSignature } from './postmart/postmart-push.js';
export { canonicalQuery, postmartCanonical, postmartSign } from './postmart/postmart-signature.js';
export { shopeeBaseString } from './shopee/shopee-auth.js';
export { shopeePushSignature } from './shopee/shopee-push.js';
export { startSandbox } from './start-sandbox.js';
export type {
  AppFor,
  BucketConfig,
  ConsentOutcome,
  ConsentRequest,
  FaultConfig,
  ItemStatus,
  LazadaApp,
  MarketplaceKind,
  PostmartApp,
  PushData,
  PushKind,
  RateLimits,
  RequestLogEntry,
  Sandbox,
  SandboxApp,
  SandboxItem,
  SandboxOptions,
  SandboxShop,
  SandboxSku,
  SellerCentreEdit,
  ShopeeApp,
} from './types.js';
export { MARKETPLACE_KINDS } from './types.js';
