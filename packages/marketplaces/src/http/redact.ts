/** Parameters and headers whose values never reach a log line. */
const secretNames = new Set([
  'sign',
  'signature',
  'access_token',
  'refresh_token',
  'code',
  'partner_key',
  'app_secret',
  'client_secret',
  'authorization',
  'x-pm-signature',
  'x-pm-nonce',
]);

export const REDACTED = '[redacted]';

export function isSecretName(name: string): boolean {
  return secretNames.has(name.toLowerCase());
}

/** The URL as it may be logged: host, path and query with secret values replaced. */
export function redactUrl(url: URL): string {
  const safe = new URL(url.toString());
  for (const name of [...safe.searchParams.keys()]) {
    if (isSecretName(name)) safe.searchParams.set(name, REDACTED);
  }
  return `${safe.origin}${safe.pathname}${safe.search}`;
}

/** Headers as they may be logged. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]),
  );
}
