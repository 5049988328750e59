import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { LocalSecretsError } from './errors.js';

/** The environment variable that may hold the data key: 32 bytes as 64 hex digits or base64. */
export const KEY_ENV = 'OCOP_LOCAL_SECRETS_KEY';
const KEY_BYTES = 32;
/** 96-bit IVs are what GCM is specified for (NIST SP 800-38D §8.2); a fresh random one per write. */
const IV_BYTES = 12;
const FORMAT = 'ocop-local-secrets/aes-256-gcm/v1';

/** The state file as written: only the format, the IV, the tag and the ciphertext are readable. */
export const sealedStateSchema = z.strictObject({
  format: z.literal(FORMAT),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});
export type SealedState = z.infer<typeof sealedStateSchema>;

/** The data key is missing, malformed, or not the one the state was written with. */
export class EncryptionKeyError extends LocalSecretsError {}

/** AES-256-GCM with the format name as additional data, so a sealed file cannot pass as another format. */
export function seal(key: Buffer, plaintext: string): SealedState {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(FORMAT, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    format: FORMAT,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Throws when the tag does not verify: a wrong key or an altered file. */
export function unseal(key: Buffer, sealed: SealedState): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(FORMAT, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

/**
 * The data key of a data dir: `OCOP_LOCAL_SECRETS_KEY` when set, else the key file next to the data dir
 * (`<parent>/<dir name>.key`, mode 0600), made on first use. The key file is kept outside the data dir so
 * that copying the data dir alone does not copy the means to read it.
 */
export function resolveDataKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env[KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return parseKey(fromEnv, KEY_ENV);
  const file = keyFileOf(dataDir);
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8').trim(), file);
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // `wx`: two processes starting at once cannot both write a key; the loser reads the winner's.
  try {
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKey(readFileSync(file, 'utf8').trim(), file);
  }
  chmodSync(file, 0o600);
  return key;
}

export const keyFileOf = (dataDir: string) => join(dirname(dataDir), `${basename(dataDir)}.key`);

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new EncryptionKeyError(`${where} must hold a ${KEY_BYTES}-byte key (64 hex digits or base64)`);
  }
  return key;
}
