import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Channel, channel, identifier } from '@ocop-sync/domain';
import { z } from 'zod';

/** How long a producer has to finish the marketplace's consent page (Shopee's code itself lives 10 minutes). */
export const STATE_LIFETIME_SECONDS = 600;
const VERSION = 's1';
/** HMAC-SHA256 keys shorter than the hash are weaker than the hash (RFC 2104 §3). */
const MIN_KEY_BYTES = 32;

/** What a shop-connection `state` vouches for: who began it, for which marketplace, once, until when. */
export const stateClaims = z.strictObject({
  producerId: identifier,
  channel,
  /** 128 random bits, base64url: the single-use marker consumed at the callback. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** Epoch seconds. */
  expiresAt: z.number().int().positive(),
});
export type StateClaims = z.output<typeof stateClaims>;

export type StateRefusal = 'malformed' | 'bad-signature' | 'expired' | 'wrong-channel';
export type StateCheck = { ok: true; claims: StateClaims } | { ok: false; reason: StateRefusal };

/** Turns the signing secret into key bytes, refusing a key too short to trust. */
export function stateKey(secret: string | Uint8Array): Buffer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`state key must be at least ${MIN_KEY_BYTES} bytes`);
  return key;
}

/**
 * A new `state` for one connection attempt: `s1.<claims>.<mac>`, both parts base64url, so it travels in a
 * query string untouched. The claims are readable (they are not secret), but any change breaks the MAC.
 *
 * @example
 * const { state, claims } = issueState(key, { producerId: 'HTX-UMINH', channel: 'shopee', now: new Date() });
 */
export function issueState(
  key: Buffer,
  input: { producerId: string; channel: Channel; now: Date },
): { state: string; claims: StateClaims } {
  const claims = stateClaims.parse({
    producerId: input.producerId,
    channel: input.channel,
    nonce: randomBytes(16).toString('base64url'),
    expiresAt: Math.floor(input.now.getTime() / 1000) + STATE_LIFETIME_SECONDS,
  });
  const body = `${VERSION}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
  return { state: `${body}.${mac(key, body)}`, claims };
}

/**
 * Checks a `state` from a callback: the MAC first (timing-safe), then the claims, the expiry and the
 * channel the callback arrived on. Single use is the caller's second step (`consumeStateNonce`).
 */
export function checkState(
  key: Buffer,
  state: string,
  expected: { channel: Channel; now: Date },
): StateCheck {
  const parts = state.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [version, payload = '', signature = ''] = parts;
  const given = Buffer.from(signature, 'base64url');
  const wanted = Buffer.from(mac(key, `${version}.${payload}`), 'base64url');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return { ok: false, reason: 'bad-signature' };
  }
  const claims = stateClaims.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.expiresAt * 1000 <= expected.now.getTime()) return { ok: false, reason: 'expired' };
  if (claims.data.channel !== expected.channel) return { ok: false, reason: 'wrong-channel' };
  return { ok: true, claims: claims.data };
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
