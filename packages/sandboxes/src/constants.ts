import type { BucketConfig, MarketplaceKind } from './types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_SEED = 1;
export const DEFAULT_HOST = '127.0.0.1';
/** A held ("timed-out") request is cut after this long unless the fault config says otherwise. */
export const DEFAULT_HANG_MS = 60 * SECOND;
/** Room for Shopee's 10 MB image upload plus its multipart framing (SHP-DOC v2.media_space.upload_image). */
export const MAX_BODY_BYTES = 11 * 1024 * 1024;

export interface MarketplaceDefaults {
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  readonly codeTtlMs: number;
  /** Allowed |now − timestamp|. */
  readonly timestampWindowMs: number;
  readonly perApp: BucketConfig;
  readonly perShop: BucketConfig;
}

/**
 * Figures and their sources (see README "What each sandbox checks"):
 * - Shopee: access 4 h, refresh 30 d, code 10 min, timestamp 5 min (SHP-GUIDE 20). No published rate limit;
 *   ~1,000 rps per partner is community evidence (JimCurryWang/python-shopee#54); 100 rps per shop is our assumption.
 * - Lazada: access 7 d / refresh 30 d for "Test" apps, code 30 min (LAZ-GUIDE seller-authorization-introduction);
 *   timestamp within 7,200 s (LAZ-GUIDE calling-parameters); 50 inventory calls/s per seller (LAZ-GUIDE
 *   inventory-management-api); the per-app figure is our assumption.
 * - Postmart: our proposal §3.2 (±300 s, 10 rps burst 20 per app+seller); the per-app figure is an assumption.
 */
export const MARKETPLACE_DEFAULTS: Readonly<Record<MarketplaceKind, MarketplaceDefaults>> = {
  shopee: {
    accessTtlMs: 4 * HOUR,
    refreshTtlMs: 30 * DAY,
    codeTtlMs: 10 * MINUTE,
    timestampWindowMs: 5 * MINUTE,
    perApp: { ratePerSecond: 1000, burst: 1000 },
    perShop: { ratePerSecond: 100, burst: 100 },
  },
  lazada: {
    accessTtlMs: 7 * DAY,
    refreshTtlMs: 30 * DAY,
    codeTtlMs: 30 * MINUTE,
    timestampWindowMs: 7200 * SECOND,
    perApp: { ratePerSecond: 1000, burst: 1000 },
    perShop: { ratePerSecond: 50, burst: 50 },
  },
  postmart: {
    accessTtlMs: Number.MAX_SAFE_INTEGER,
    refreshTtlMs: Number.MAX_SAFE_INTEGER,
    codeTtlMs: 0,
    timestampWindowMs: 5 * MINUTE,
    perApp: { ratePerSecond: 100, burst: 200 },
    perShop: { ratePerSecond: 10, burst: 20 },
  },
};

/** Shopee keeps the previous access token valid for 5 minutes after a refresh (SHP-GUIDE 20). */
export const SHOPEE_OLD_ACCESS_GRACE_MS = 5 * MINUTE;
/** Postmart proposal: a nonce may not be reused within 15 minutes; idempotency keys live 24 h. */
export const POSTMART_NONCE_TTL_MS = 15 * MINUTE;
export const POSTMART_IDEMPOTENCY_TTL_MS = DAY;
