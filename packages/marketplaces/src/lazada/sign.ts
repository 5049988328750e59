import { createHmac } from 'node:crypto';

/**
 * Lazada Open Platform request signature (developer guide "Signature algorithm" / "HTTP request
 * sample"): every parameter but `sign`, sorted by name in ASCII order, concatenated as name+value with
 * no separators, prefixed with the API path (without `/rest`), HMAC-SHA256 keyed by the app secret,
 * upper-case hex. `sign_method=sha256` is one of the signed parameters.
 */
export function lazadaSign(
  appSecret: string,
  apiPath: string,
  params: Readonly<Record<string, string>>,
): string {
  const names = Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort(ordinal);
  const base = apiPath + names.map((name) => `${name}${params[name] ?? ''}`).join('');
  return createHmac('sha256', Buffer.from(appSecret, 'utf8'))
    .update(base, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** ASCII (code unit) order, not locale order: `bar, foo, foo_bar, foobar`. */
function ordinal(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
