import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from '@ocop-sync/domain';
import { Webhook } from 'standardwebhooks';
import type { MarketplaceApps } from './marketplace-wiring.js';

/** A marketplace push as it arrived: the raw body bytes are what the marketplace signed. */
export interface MarketplacePush {
  channel: Channel;
  /** The full callback URL the marketplace called (Shopee signs it). */
  url: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export type Verification = { ok: true } | { ok: false; reason: 'forged' | 'replayed' | 'not-configured' };

/** Pushes older or newer than this are refused as replays (Shopee's and Standard Webhooks' 5 minutes). */
export const PUSH_TOLERANCE_SECONDS = 300;

const hexHmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');

function sameHex(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether the push's own `timestamp` (Lazada mixes milliseconds and seconds) is within the tolerance of now;
 * `undefined` when the body has none readable (then it is refused later, as a body we do not understand).
 */
function fresh(body: string, now: Date): boolean | undefined {
  let timestamp: unknown;
  try {
    timestamp = (JSON.parse(body) as { timestamp?: unknown }).timestamp;
  } catch {
    return undefined;
  }
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
  const seconds = timestamp > 1e12 ? timestamp / 1000 : timestamp;
  return Math.abs(now.getTime() / 1000 - seconds) <= PUSH_TOLERANCE_SECONDS;
}

/**
 * Checks a push's signature on the raw body, then its age. Shopee: `Authorization` = hex HMAC-SHA256(partner
 * key, url + "|" + body) (research §1.7). Lazada: `Authorization` = hex HMAC-SHA256(app secret, app key + body)
 * (§2.7). Postmart: Standard Webhooks v1 with the app's `whsec_` secret (§3.2), verified by `standardwebhooks`.
 */
export function verifyPush(push: MarketplacePush, apps: MarketplaceApps, now: Date): Verification {
  const { channel, headers, body } = push;
  if (channel === 'postmart') return verifyPostmart(push, apps);
  let expected: string;
  if (channel === 'shopee') {
    if (apps.shopee === undefined) return { ok: false, reason: 'not-configured' };
    expected = hexHmac(apps.shopee.partnerKey, `${push.url}|${body}`);
  } else {
    if (apps.lazada === undefined) return { ok: false, reason: 'not-configured' };
    expected = hexHmac(apps.lazada.appSecret, `${apps.lazada.appKey}${body}`);
  }
  if (!sameHex(expected, headers.authorization)) return { ok: false, reason: 'forged' };
  return fresh(body, now) === false ? { ok: false, reason: 'replayed' } : { ok: true };
}

function verifyPostmart(push: MarketplacePush, apps: MarketplaceApps): Verification {
  const secret = apps.postmart?.webhookSecret;
  if (secret === undefined) return { ok: false, reason: 'not-configured' };
  const timestamp = Number(push.headers['webhook-timestamp']);
  const headers = {
    'webhook-id': push.headers['webhook-id'] ?? '',
    'webhook-timestamp': push.headers['webhook-timestamp'] ?? '',
    'webhook-signature': push.headers['webhook-signature'] ?? '',
  };
  try {
    new Webhook(secret).verify(push.body, headers);
    return { ok: true };
  } catch {
    // standardwebhooks refuses a stale timestamp with the same error type as a bad signature: tell them apart.
    const stale =
      Number.isFinite(timestamp) && Math.abs(Date.now() / 1000 - timestamp) > PUSH_TOLERANCE_SECONDS;
    return { ok: false, reason: stale ? 'replayed' : 'forged' };
  }
}
