import { createHash, createHmac } from 'node:crypto';

export interface PostmartSignInput {
  method: string;
  /** Path including the `/v1` prefix, without the query. */
  path: string;
  query: Readonly<Record<string, string>>;
  appKey: string;
  sellerId: string;
  /** Unix seconds; accepted within ±300 s. */
  timestamp: string;
  nonce: string;
  /** The exact body bytes sent ('' for none). */
  body: string;
}

/** `name=value` pairs sorted by name, each part `encodeURIComponent`-encoded, joined by `&`. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(query[name] ?? '')}`)
    .join('&');
}

/**
 * Postmart partner API signature (ocop-sync's own proposal, research §3.2 — Vietnam Post publishes no
 * API): lower-case hex HMAC-SHA256 keyed by the app secret over
 * `METHOD\nPATH\nCANONICAL_QUERY\nAPP_KEY\nSELLER_ID\nTIMESTAMP\nNONCE\nhex(SHA-256(body))`.
 */
export function postmartSign(appSecret: string, input: PostmartSignInput): string {
  const bodyHash = createHash('sha256').update(Buffer.from(input.body, 'utf8')).digest('hex');
  const canonical = [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    input.appKey,
    input.sellerId,
    input.timestamp,
    input.nonce,
    bodyHash,
  ].join('\n');
  return createHmac('sha256', Buffer.from(appSecret, 'utf8')).update(canonical, 'utf8').digest('hex');
}
