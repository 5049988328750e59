import { CURRENT, DAY_MS, DEFAULT_RECOVERY_DAYS, MAX_RECOVERY_DAYS, MIN_RECOVERY_DAYS } from './constants.js';
import { invalidParameter, ServiceError, secretNotFound } from './errors.js';
import type { RequestOf } from './requests.js';
import { addVersion, checkName, checkValue, wireDate } from './values.js';
import { attachStage, type SecretVault } from './vault.js';

// Each action: the request, already shaped by its schema, in; the response members out.

export function createSecret(vault: SecretVault, request: RequestOf<'CreateSecret'>) {
  checkName(request.Name);
  const hasValue = checkValue(request, false);
  const existing = vault.find(request.Name);
  if (existing !== undefined) {
    if (existing.deletedAt !== undefined) {
      throw new ServiceError(
        'InvalidRequestException',
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    }
    // A retry with the same token and value is ignored (API reference, CreateSecret ClientRequestToken).
    const retried = existing.versions.find((version) => version.versionId === request.ClientRequestToken);
    if (
      retried !== undefined &&
      retried.secretString === request.SecretString &&
      retried.secretBinary === request.SecretBinary
    ) {
      return { ARN: existing.arn, Name: existing.name, VersionId: retried.versionId };
    }
    throw new ServiceError(
      'ResourceExistsException',
      `The operation failed because the secret ${request.Name} already exists.`,
    );
  }
  const now = vault.now();
  const secret = {
    arn: vault.arnFor(request.Name),
    name: request.Name,
    createdAt: now,
    lastChangedAt: now,
    versions: [],
    ...(request.Description === undefined ? {} : { description: request.Description }),
    ...(request.Tags === undefined ? {} : { tags: request.Tags }),
  };
  const version = hasValue
    ? addVersion(secret, request, request.ClientRequestToken, [CURRENT], now)
    : undefined;
  vault.add(secret);
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

export function putSecretValue(vault: SecretVault, request: RequestOf<'PutSecretValue'>) {
  checkValue(request, true);
  const secret = vault.requireLive(request.SecretId);
  const stages = request.VersionStages ?? [CURRENT];
  const version = addVersion(secret, request, request.ClientRequestToken, stages, vault.now());
  vault.save();
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    VersionStages: [...version.stages],
  };
}

export function updateSecret(vault: SecretVault, request: RequestOf<'UpdateSecret'>) {
  const hasValue = checkValue(request, false);
  const secret = vault.requireLive(request.SecretId);
  const now = vault.now();
  if (request.Description !== undefined) secret.description = request.Description;
  secret.lastChangedAt = now;
  const version = hasValue
    ? addVersion(secret, request, request.ClientRequestToken, [CURRENT], now)
    : undefined;
  vault.save();
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

/**
 * Moves or removes one label. When the label sits on another version, `RemoveFromVersionId` must name that
 * version or the call fails: callers use it as a compare-and-swap on AWSCURRENT.
 */
export function updateSecretVersionStage(vault: SecretVault, request: RequestOf<'UpdateSecretVersionStage'>) {
  const secret = vault.requireLive(request.SecretId);
  const { VersionStage: stage, MoveToVersionId: moveTo, RemoveFromVersionId: removeFrom } = request;
  const holder = secret.versions.find((version) => version.stages.includes(stage));
  if (removeFrom !== undefined && holder?.versionId !== removeFrom) {
    throw invalidParameter(`The staging label ${stage} is not attached to version ${removeFrom}.`);
  }
  if (moveTo === undefined) {
    if (stage === CURRENT)
      throw invalidParameter(`You can't remove the staging label ${CURRENT} without moving it.`);
    if (holder !== undefined) holder.stages = holder.stages.filter((label) => label !== stage);
  } else {
    if (!secret.versions.some((version) => version.versionId === moveTo)) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `Secrets Manager can't find the specified secret version: ${moveTo}.`,
      );
    }
    if (holder !== undefined && holder.versionId !== moveTo && removeFrom === undefined) {
      throw invalidParameter(
        `The staging label ${stage} is attached to version ${holder.versionId}; name it in RemoveFromVersionId to move the label.`,
      );
    }
    attachStage(secret, stage, moveTo);
  }
  secret.lastChangedAt = vault.now();
  vault.save();
  return { ARN: secret.arn, Name: secret.name };
}

/** Schedules deletion after the recovery window (7–30 days, default 30), or deletes at once when forced. */
export function deleteSecret(vault: SecretVault, request: RequestOf<'DeleteSecret'>) {
  const { RecoveryWindowInDays: days, ForceDeleteWithoutRecovery: force } = request;
  if (force === true && days !== undefined) {
    throw invalidParameter(
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
  }
  if (days !== undefined && (days < MIN_RECOVERY_DAYS || days > MAX_RECOVERY_DAYS)) {
    throw invalidParameter(
      `RecoveryWindowInDays must be between ${MIN_RECOVERY_DAYS} and ${MAX_RECOVERY_DAYS}.`,
    );
  }
  const secret = vault.require(request.SecretId);
  const now = vault.now();
  if (force === true) {
    vault.delete(secret);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: wireDate(now) };
  }
  if (secret.deletedAt !== undefined) {
    throw new ServiceError('InvalidRequestException', 'The secret is already scheduled for deletion.');
  }
  secret.deletedAt = now;
  secret.deletionDueAt = now + (days ?? DEFAULT_RECOVERY_DAYS) * DAY_MS;
  vault.save();
  return { ARN: secret.arn, Name: secret.name, DeletionDate: wireDate(secret.deletionDueAt) };
}

export function restoreSecret(vault: SecretVault, request: RequestOf<'RestoreSecret'>) {
  const secret = vault.find(request.SecretId);
  if (secret === undefined) throw secretNotFound();
  delete secret.deletedAt;
  delete secret.deletionDueAt;
  vault.save();
  return { ARN: secret.arn, Name: secret.name };
}
