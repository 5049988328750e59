import type { z } from 'zod';
import { invalidParameter, ServiceError } from './errors.js';
import { describeSecret, getSecretValue, listSecrets } from './read-actions.js';
import { type Action, isAction, requestSchemas } from './requests.js';
import type { SecretVault } from './vault.js';
import {
  createSecret,
  deleteSecret,
  putSecretValue,
  restoreSecret,
  updateSecret,
  updateSecretVersionStage,
} from './write-actions.js';

type Served = (vault: SecretVault, input: unknown) => object;

/** Parses the request with its schema (zod at the edge), then runs the action. */
const served =
  <S extends z.ZodType>(schema: S, run: (vault: SecretVault, request: z.output<S>) => object): Served =>
  (vault, input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
      throw invalidParameter(`Invalid parameter: ${[...new Set(fields)].join(', ')}`);
    }
    return run(vault, parsed.data);
  };

const actions: Readonly<Record<Action, Served>> = {
  CreateSecret: served(requestSchemas.CreateSecret, createSecret),
  GetSecretValue: served(requestSchemas.GetSecretValue, getSecretValue),
  PutSecretValue: served(requestSchemas.PutSecretValue, putSecretValue),
  UpdateSecret: served(requestSchemas.UpdateSecret, updateSecret),
  UpdateSecretVersionStage: served(requestSchemas.UpdateSecretVersionStage, updateSecretVersionStage),
  DescribeSecret: served(requestSchemas.DescribeSecret, describeSecret),
  DeleteSecret: served(requestSchemas.DeleteSecret, deleteSecret),
  RestoreSecret: served(requestSchemas.RestoreSecret, restoreSecret),
  ListSecrets: served(requestSchemas.ListSecrets, listSecrets),
};

const TARGET_PREFIX = 'secretsmanager.';

/**
 * One AWS JSON 1.1 call: `X-Amz-Target: secretsmanager.<Action>` and a JSON body in, the response members or
 * a `ServiceError` out. Unknown actions answer `InvalidAction` ("Common Errors").
 */
export function invoke(vault: SecretVault, target: string | undefined, body: string): object {
  const action = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  if (!isAction(action)) {
    throw new ServiceError(
      'InvalidAction',
      `The action ${action || '(none)'} is not valid for this endpoint.`,
    );
  }
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  return actions[action](vault, input);
}
