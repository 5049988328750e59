import { hmacSha256Hex } from '../core/crypto.js';

/**
 * UPPERCASE hex HMAC-SHA256(app_secret, api_path + name1value1name2value2…) over every parameter but `sign`,
 * names sorted in ASCII order, values raw (LAZ-GUIDE signature-algorithm).
 */
export function lazadaSign(
  appSecret: string,
  apiPath: string,
  params: Readonly<Record<string, string>>,
): string {
  const base = Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}${params[name] ?? ''}`)
    .join('');
  return hmacSha256Hex(appSecret, `${apiPath}${base}`).toUpperCase();
}

/**
 * The signatures a correct client may have computed: the official Java/C# samples skip empty parameters, the
 * Python SDK keeps them (research §2.3), so both are accepted.
 */
export function acceptedLazadaSigns(
  appSecret: string,
  apiPath: string,
  params: Readonly<Record<string, string>>,
): string[] {
  const nonEmpty = Object.fromEntries(
    Object.entries(params).filter(([name, value]) => name !== '' && value !== ''),
  );
  return [...new Set([lazadaSign(appSecret, apiPath, params), lazadaSign(appSecret, apiPath, nonEmpty)])];
}
