import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataKey, seal, sealedStateSchema, unseal } from './encryption.js';
import { StateCorruptError } from './errors.js';
import { type StoredSecret, storedStateSchema } from './types.js';

export interface StateFile {
  load(): StoredSecret[];
  save(secrets: readonly StoredSecret[]): void;
}

/** Nothing is kept between runs. */
export const memoryState: StateFile = { load: () => [], save: () => undefined };

/**
 * `<dataDir>/secrets.json`, sealed with AES-256-GCM under the data key (`resolveDataKey`: the
 * `OCOP_LOCAL_SECRETS_KEY` variable or a 0600 key file next to the data dir), rewritten whole after every
 * change: written to a temporary file and renamed, so a crash leaves the previous state intact. No fsync: it
 * survives a process crash, not a power cut. Only one process may use a data directory. A plaintext file
 * from before encryption is read once and sealed at once.
 */
export function fileState(dataDir: string, key: Buffer = resolveDataKey(dataDir)): StateFile {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const save = (secrets: readonly StoredSecret[]) => {
    const temporary = `${file}.writing`;
    const sealed = seal(key, JSON.stringify({ secrets }));
    writeFileSync(temporary, `${JSON.stringify(sealed, null, 1)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  };
  return {
    load() {
      if (!existsSync(file)) return [];
      const { secrets, sealed } = readState(file, key);
      if (!sealed) save(secrets);
      return secrets;
    },
    save,
  };
}

function readState(file: string, key: Buffer): { secrets: StoredSecret[]; sealed: boolean } {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const sealed = sealedStateSchema.safeParse(json);
    if (!sealed.success) return { secrets: storedStateSchema.parse(json).secrets, sealed: false };
    const plaintext = unseal(key, sealed.data);
    return { secrets: storedStateSchema.parse(JSON.parse(plaintext)).secrets, sealed: true };
  } catch (error) {
    // A wrong key fails GCM's tag check: refusing to start keeps the secrets for the right key.
    throw new StateCorruptError(file, error);
  }
}
