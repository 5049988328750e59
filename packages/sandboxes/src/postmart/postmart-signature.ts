import { hmacSha256Hex, sha256Hex } from '../core/crypto.js';

export interface PostmartSigningInput {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly appKey: string;
  readonly sellerId: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: Buffer | string;
}

/** Query parameters sorted by name, `encodeURIComponent(name)=encodeURIComponent(value)`, joined by `&`. */
export function canonicalQuery(query: URLSearchParams): string {
  return [...query]
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

/** METHOD \n PATH \n CANONICAL_QUERY \n APP_KEY \n SELLER_ID \n TIMESTAMP \n NONCE \n hex(SHA-256(body)) (proposal §3.2). */
export function postmartCanonical(input: PostmartSigningInput): string {
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    input.appKey,
    input.sellerId,
    input.timestamp,
    input.nonce,
    sha256Hex(input.body),
  ].join('\n');
}

export function postmartSign(appSecret: string, input: PostmartSigningInput): string {
  return hmacSha256Hex(appSecret, postmartCanonical(input));
}
