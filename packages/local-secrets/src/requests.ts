import { z } from 'zod';
import { MAX_LIST_RESULTS, MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH } from './constants.js';

// Request shapes of the actions served, from the Secrets Manager API reference. Unknown members are
// ignored (as the service ignores what it does not model here, e.g. KmsKeyId, AddReplicaRegions).
const secretId = z.string().min(1).max(2048);
const token = z.string().min(MIN_TOKEN_LENGTH).max(MAX_TOKEN_LENGTH);
const value = { SecretString: z.string().optional(), SecretBinary: z.string().optional() };
const tag = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) });

export const requestSchemas = {
  CreateSecret: z.object({
    Name: z.string().min(1),
    ClientRequestToken: token.optional(),
    Description: z.string().max(2048).optional(),
    Tags: z.array(tag).optional(),
    ...value,
  }),
  GetSecretValue: z.object({
    SecretId: secretId,
    VersionId: z.string().optional(),
    VersionStage: z.string().optional(),
  }),
  PutSecretValue: z.object({
    SecretId: secretId,
    ClientRequestToken: token.optional(),
    VersionStages: z.array(z.string().min(1)).min(1).max(20).optional(),
    ...value,
  }),
  UpdateSecret: z.object({
    SecretId: secretId,
    ClientRequestToken: token.optional(),
    Description: z.string().max(2048).optional(),
    ...value,
  }),
  UpdateSecretVersionStage: z.object({
    SecretId: secretId,
    VersionStage: z.string().min(1),
    MoveToVersionId: z.string().optional(),
    RemoveFromVersionId: z.string().optional(),
  }),
  DescribeSecret: z.object({ SecretId: secretId }),
  DeleteSecret: z.object({
    SecretId: secretId,
    RecoveryWindowInDays: z.number().int().optional(),
    ForceDeleteWithoutRecovery: z.boolean().optional(),
  }),
  RestoreSecret: z.object({ SecretId: secretId }),
  ListSecrets: z.object({
    MaxResults: z.number().int().min(1).max(MAX_LIST_RESULTS).optional(),
    NextToken: z.string().optional(),
    IncludePlannedDeletion: z.boolean().optional(),
    SortOrder: z.enum(['asc', 'desc']).optional(),
    Filters: z
      .array(
        z.object({
          Key: z.enum([
            'name',
            'description',
            'tag-key',
            'tag-value',
            'primary-region',
            'owning-service',
            'all',
          ]),
          Values: z.array(z.string().min(1)).min(1).max(10),
        }),
      )
      .max(10)
      .optional(),
  }),
} as const;

export type Action = keyof typeof requestSchemas;
export type RequestOf<A extends Action> = z.infer<(typeof requestSchemas)[A]>;

export const isAction = (name: string): name is Action => Object.hasOwn(requestSchemas, name);
