export * from './authorization/index.js';
export * from './http/adapter-options.js';
export { defaultRetryPolicy, defaultTimeoutMs } from './http/constants.js';
export * from './http/errors.js';
export type {
  Call,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  RateScope,
  Verdict,
} from './http/http-client.js';
export { HttpClient } from './http/http-client.js';
export * from './http/rate-limiter.js';
export { redactHeaders, redactUrl } from './http/redact.js';
export * from './http/retry.js';
export * from './http/shared-rate-limiter.js';
export * from './http/token-keeper.js';
export * from './http/token-store.js';
export * from './lazada/adapter.js';
export { lazadaSign } from './lazada/sign.js';
export * from './mapping/categories.js';
export * from './mapping/rules.js';
export * from './mapping/to-listing-draft.js';
export * from './postmart/adapter.js';
export { canonicalQuery, postmartSign } from './postmart/sign.js';
export * from './shopee/adapter.js';
export type { ImageDownloader, ImageResolver } from './shopee/images.js';
export { shopeeSign } from './shopee/sign.js';
export type * from './types.js';
export { listingStatuses } from './types.js';
