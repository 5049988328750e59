import { CURRENT, DAY_MS, MAX_LIST_RESULTS } from './constants.js';
import { ServiceError } from './errors.js';
import type { RequestOf } from './requests.js';
import type { StoredSecret } from './types.js';
import { versionsToStages, wireDate } from './values.js';
import type { SecretVault } from './vault.js';

/** By VersionId, VersionStage or both (they must name the same version); AWSCURRENT when neither. */
export function getSecretValue(vault: SecretVault, request: RequestOf<'GetSecretValue'>) {
  const secret = vault.requireLive(request.SecretId);
  const stage = request.VersionStage ?? (request.VersionId === undefined ? CURRENT : undefined);
  const version = secret.versions.find(
    (candidate) =>
      (request.VersionId === undefined || candidate.versionId === request.VersionId) &&
      (stage === undefined || candidate.stages.includes(stage)),
  );
  if (version === undefined) {
    const which =
      request.VersionId === undefined ? `staging label: ${stage}` : `VersionId: ${request.VersionId}`;
    throw new ServiceError(
      'ResourceNotFoundException',
      `Secrets Manager can't find the specified secret value for ${which}`,
    );
  }
  // LastAccessedDate is kept to the day (API reference, DescribeSecret), so reads rarely rewrite the state.
  const today = Math.floor(vault.now() / DAY_MS) * DAY_MS;
  if (secret.lastAccessedAt !== today) {
    secret.lastAccessedAt = today;
    vault.save();
  }
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    SecretBinary: version.secretBinary,
    VersionStages: [...version.stages],
    CreatedDate: wireDate(version.createdAt),
  };
}

const describe = (secret: StoredSecret) => ({
  ARN: secret.arn,
  Name: secret.name,
  Description: secret.description,
  CreatedDate: wireDate(secret.createdAt),
  LastChangedDate: wireDate(secret.lastChangedAt),
  LastAccessedDate: wireDate(secret.lastAccessedAt),
  DeletedDate: wireDate(secret.deletedAt),
  Tags: secret.tags,
});

/** Works on a secret scheduled for deletion too: that is how one sees its DeletedDate. */
export function describeSecret(vault: SecretVault, request: RequestOf<'DescribeSecret'>) {
  const secret = vault.require(request.SecretId);
  return { ...describe(secret), VersionIdsToStages: versionsToStages(secret) };
}

type Filter = NonNullable<RequestOf<'ListSecrets'>['Filters']>[number];

/** Filter values match as prefixes; a leading `!` negates (API reference, ListSecrets and Filter). */
function matches(secret: StoredSecret, filter: Filter): boolean {
  const fields = (() => {
    switch (filter.Key) {
      case 'name':
        return [secret.name];
      case 'description':
        return [secret.description ?? ''];
      case 'tag-key':
        return (secret.tags ?? []).map((tag) => tag.Key);
      case 'tag-value':
        return (secret.tags ?? []).map((tag) => tag.Value);
      case 'all':
        return [
          secret.name,
          secret.description ?? '',
          ...(secret.tags ?? []).flatMap((tag) => [tag.Key, tag.Value]),
        ];
      default:
        return [];
    }
  })();
  return filter.Values.some((value) => {
    const negated = value.startsWith('!');
    const prefix = negated ? value.slice(1) : value;
    const hit = fields.some((field) => field.startsWith(prefix));
    return negated ? !hit : hit;
  });
}

/** Pages by an opaque offset token; secrets scheduled for deletion only with IncludePlannedDeletion. */
export function listSecrets(vault: SecretVault, request: RequestOf<'ListSecrets'>) {
  const offset =
    request.NextToken === undefined ? 0 : Number(Buffer.from(request.NextToken, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
  }
  const direction = request.SortOrder === 'asc' ? 1 : -1;
  const selected = vault
    .all()
    .filter((secret) => request.IncludePlannedDeletion === true || secret.deletedAt === undefined)
    .filter((secret) => (request.Filters ?? []).every((filter) => matches(secret, filter)))
    .sort((a, b) => direction * (a.createdAt - b.createdAt) || a.name.localeCompare(b.name));
  const limit = request.MaxResults ?? MAX_LIST_RESULTS;
  const page = selected.slice(offset, offset + limit);
  const next =
    offset + limit < selected.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  return {
    SecretList: page.map((secret) => ({
      ...describe(secret),
      SecretVersionsToStages: versionsToStages(secret),
    })),
    NextToken: next,
  };
}
