import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateCorruptError } from './errors.js';
import { type StoredSecret, storedStateSchema } from './types.js';

export interface StateFile {
  load(): StoredSecret[];
  save(secrets: readonly StoredSecret[]): void;
}

/** Nothing is kept between runs. */
export const memoryState: StateFile = { load: () => [], save: () => undefined };

/**
 * `<dataDir>/secrets.json`, rewritten whole after every change: written to a temporary file and renamed, so a
 * crash leaves the previous state intact. No fsync: it survives a process crash, not a power cut. Only one
 * process may use a data directory.
 */
export function fileState(dataDir: string): StateFile {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  return {
    load() {
      if (!existsSync(file)) return [];
      try {
        return storedStateSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).secrets;
      } catch (error) {
        throw new StateCorruptError(file, error);
      }
    },
    save(secrets) {
      const temporary = `${file}.writing`;
      writeFileSync(temporary, `${JSON.stringify({ secrets }, null, 1)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
  };
}
