import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DevIssuerKey, devIssuerKey } from './dev-issuer.js';

/**
 * Where a running local stack leaves its development issuer's signing key for `ocop-sync dev-token`, relative
 * to the directory it was started in (git ignores `.ocop-sync/`; the file is removed when the stack stops).
 * The key signs nothing but local tokens and dies with the stack.
 */
export const DEV_ISSUER_FILE = join('.ocop-sync', 'dev-issuer.json');

/** Writes the key file (owner-only) and returns a function that removes it. */
export function writeDevIssuerFile(key: DevIssuerKey, directory = process.cwd()): () => void {
  const path = join(directory, DEV_ISSUER_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(key, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  chmodSync(path, 0o600);
  return () => rmSync(path, { force: true });
}

export class DevIssuerNotRunningError extends Error {
  override name = 'DevIssuerNotRunningError';
}

export function readDevIssuerFile(directory = process.cwd()): DevIssuerKey {
  const path = join(directory, DEV_ISSUER_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DevIssuerNotRunningError(`no ${DEV_ISSUER_FILE}: start the local stack first (npm start)`);
  }
  return devIssuerKey.parse(JSON.parse(text));
}
