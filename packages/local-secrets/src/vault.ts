import { randomBytes } from 'node:crypto';
import {
  CURRENT,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  MAX_DEPRECATED_VERSIONS,
  PREVIOUS,
} from './constants.js';
import { markedForDeletion, secretNotFound } from './errors.js';
import { fileState, memoryState, type StateFile } from './persistence.js';
import type { LocalSecretsOptions, StoredSecret } from './types.js';

/**
 * The secrets of one local endpoint, by name. Each change is saved at once (with a data dir); a secret whose
 * recovery window has passed is purged before any lookup, as Secrets Manager deletes it for good then.
 */
export class SecretVault {
  readonly #secrets = new Map<string, StoredSecret>();
  readonly #state: StateFile;
  readonly #now: () => Date;
  readonly #arnPrefix: string;

  constructor(options: LocalSecretsOptions = {}) {
    const key = options.encryptionKey === undefined ? undefined : Buffer.from(options.encryptionKey);
    this.#state = options.dataDir === undefined ? memoryState : fileState(options.dataDir, key);
    this.#now = options.now ?? (() => new Date());
    const region = options.region ?? DEFAULT_REGION;
    this.#arnPrefix = `arn:aws:secretsmanager:${region}:${options.accountId ?? DEFAULT_ACCOUNT_ID}:secret:`;
    for (const secret of this.#state.load()) this.#secrets.set(secret.name, secret);
  }

  now(): number {
    return this.#now().getTime();
  }

  /** A new ARN: the name, a hyphen and six random characters, as Secrets Manager makes them. */
  arnFor(name: string): string {
    const suffix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6);
    return `${this.#arnPrefix}${name}-${suffix}`;
  }

  /** By name, full ARN or partial ARN (the ARN without its random suffix). */
  find(secretId: string): StoredSecret | undefined {
    this.#purgeExpired();
    const byName = this.#secrets.get(secretId);
    if (byName !== undefined) return byName;
    if (!secretId.startsWith(this.#arnPrefix)) return undefined;
    for (const secret of this.#secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
    }
    return undefined;
  }

  /** Any secret, including one scheduled for deletion (DescribeSecret, RestoreSecret, DeleteSecret). */
  require(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (secret === undefined) throw secretNotFound();
    return secret;
  }

  /** A secret not scheduled for deletion: reads and writes refuse a deleted one. */
  requireLive(secretId: string): StoredSecret {
    const secret = this.require(secretId);
    if (secret.deletedAt !== undefined) throw markedForDeletion();
    return secret;
  }

  all(): StoredSecret[] {
    this.#purgeExpired();
    return [...this.#secrets.values()];
  }

  add(secret: StoredSecret): void {
    this.#secrets.set(secret.name, secret);
    this.save();
  }

  delete(secret: StoredSecret): void {
    this.#secrets.delete(secret.name);
    this.save();
  }

  save(): void {
    this.#state.save([...this.#secrets.values()]);
  }

  #purgeExpired(): void {
    const now = this.now();
    let purged = false;
    for (const secret of this.#secrets.values()) {
      if (secret.deletionDueAt !== undefined && secret.deletionDueAt <= now) {
        this.#secrets.delete(secret.name);
        purged = true;
      }
    }
    if (purged) this.save();
  }
}

/**
 * Attaches `stage` to `versionId`, taking it from the version that had it. Moving AWSCURRENT moves AWSPREVIOUS
 * to the version AWSCURRENT left (API reference, UpdateSecretVersionStage and PutSecretValue).
 */
export function attachStage(secret: StoredSecret, stage: string, versionId: string): void {
  const holder = secret.versions.find((version) => version.stages.includes(stage));
  if (holder?.versionId === versionId) return;
  if (holder !== undefined) holder.stages = holder.stages.filter((label) => label !== stage);
  if (stage === CURRENT && holder !== undefined) attachStage(secret, PREVIOUS, holder.versionId);
  const target = secret.versions.find((version) => version.versionId === versionId);
  if (target !== undefined && !target.stages.includes(stage)) target.stages.push(stage);
  pruneDeprecated(secret);
}

/** Versions with no label are deprecated; only the newest MAX_DEPRECATED_VERSIONS of them are kept. */
function pruneDeprecated(secret: StoredSecret): void {
  const deprecated = secret.versions.filter((version) => version.stages.length === 0);
  const excess = new Set(deprecated.slice(0, Math.max(0, deprecated.length - MAX_DEPRECATED_VERSIONS)));
  if (excess.size > 0) secret.versions = secret.versions.filter((version) => !excess.has(version));
}
