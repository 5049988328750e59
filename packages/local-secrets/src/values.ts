import { randomUUID } from 'node:crypto';
import { CURRENT, MAX_SECRET_BYTES, SECRET_NAME_PATTERN } from './constants.js';
import { invalidParameter, ServiceError } from './errors.js';
import type { StoredSecret, StoredVersion } from './types.js';
import { attachStage } from './vault.js';

export interface SecretValue {
  SecretString?: string | undefined;
  SecretBinary?: string | undefined;
}

/** Seconds since the epoch, as AWS JSON 1.1 carries timestamps. */
export const wireDate = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

export function checkName(name: string): void {
  if (!SECRET_NAME_PATTERN.test(name)) {
    throw invalidParameter(
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  }
}

/** One of string or binary, never both; at most 64 KiB (Secrets Manager quotas). */
export function checkValue(value: SecretValue, required: boolean): boolean {
  const given = value.SecretString !== undefined || value.SecretBinary !== undefined;
  if (value.SecretString !== undefined && value.SecretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (required && !given) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  const bytes =
    Buffer.byteLength(value.SecretString ?? '') + Buffer.from(value.SecretBinary ?? '', 'base64').length;
  if (bytes > MAX_SECRET_BYTES) throw invalidParameter('Secret value exceeds the 65536 byte limit.');
  return given;
}

const sameValue = (version: StoredVersion, value: SecretValue) =>
  version.secretString === value.SecretString && version.secretBinary === value.SecretBinary;

/**
 * Adds a version with `stages`, or, when `token` names an existing version, does nothing if that version holds
 * the same value and refuses otherwise: a version is immutable (API reference, PutSecretValue ClientRequestToken).
 */
export function addVersion(
  secret: StoredSecret,
  value: SecretValue,
  token: string | undefined,
  stages: readonly string[],
  now: number,
): StoredVersion {
  const existing =
    token === undefined ? undefined : secret.versions.find((version) => version.versionId === token);
  if (existing !== undefined) {
    if (sameValue(existing, value)) return existing;
    throw new ServiceError(
      'ResourceExistsException',
      "You can't modify an existing version, you can only create a new version.",
    );
  }
  const version: StoredVersion = {
    versionId: token ?? randomUUID(),
    stages: [],
    createdAt: now,
    ...(value.SecretString === undefined ? {} : { secretString: value.SecretString }),
    ...(value.SecretBinary === undefined ? {} : { secretBinary: value.SecretBinary }),
  };
  secret.versions.push(version);
  for (const stage of stages) attachStage(secret, stage, version.versionId);
  secret.lastChangedAt = now;
  return version;
}

export const currentVersion = (secret: StoredSecret) =>
  secret.versions.find((version) => version.stages.includes(CURRENT));

/** `VersionIdsToStages`: only versions that still have a label (the others are deprecated). */
export function versionsToStages(secret: StoredSecret): Record<string, string[]> {
  const labelled = secret.versions.filter((version) => version.stages.length > 0);
  return Object.fromEntries(labelled.map((version) => [version.versionId, [...version.stages]]));
}
