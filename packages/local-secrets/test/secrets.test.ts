import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startEndpoint } from './helpers.js';

const TOKEN_A = 'a'.repeat(36);
const TOKEN_B = 'b'.repeat(36);

describe('local Secrets Manager: secrets and versions', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    endpoint = await startEndpoint();
  });
  afterAll(() => endpoint.close());

  it('creates a secret and reads it by name, full ARN and partial ARN', async () => {
    const created = await endpoint.client.send(
      new CreateSecretCommand({
        Name: 'ocop-sync/test/read',
        SecretString: '{"k":1}',
        Description: 'read test',
      }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:ocop-sync\/test\/read-\w{6}$/,
    );
    const partial = (created.ARN ?? '').slice(0, -7);
    for (const SecretId of ['ocop-sync/test/read', created.ARN, partial]) {
      const value = await endpoint.client.send(new GetSecretValueCommand({ SecretId }));
      expect(value).toMatchObject({
        SecretString: '{"k":1}',
        VersionId: created.VersionId,
        VersionStages: ['AWSCURRENT'],
      });
      expect(value.CreatedDate).toBeInstanceOf(Date);
    }
    const described = await endpoint.client.send(
      new DescribeSecretCommand({ SecretId: 'ocop-sync/test/read' }),
    );
    expect(described.Description).toBe('read test');
    expect(described.VersionIdsToStages).toEqual({ [String(created.VersionId)]: ['AWSCURRENT'] });
  });

  it('answers the SDK exception classes with status 400 for missing and duplicate secrets', async () => {
    const missing = endpoint.client.send(new GetSecretValueCommand({ SecretId: 'ocop-sync/test/none' }));
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(
      await failureOf(endpoint.client.send(new GetSecretValueCommand({ SecretId: 'ocop-sync/test/none' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      status: 400,
    });
    await endpoint.client.send(new CreateSecretCommand({ Name: 'ocop-sync/test/dup', SecretString: 'x' }));
    await expect(
      endpoint.client.send(new CreateSecretCommand({ Name: 'ocop-sync/test/dup', SecretString: 'y' })),
    ).rejects.toBeInstanceOf(ResourceExistsException);
    await expect(
      endpoint.client.send(new CreateSecretCommand({ Name: 'bad name!', SecretString: 'y' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('moves AWSCURRENT to a new value and AWSPREVIOUS to the one it replaced', async () => {
    const created = await endpoint.client.send(
      new CreateSecretCommand({ Name: 'ocop-sync/test/stages', SecretString: 'one' }),
    );
    const put = await endpoint.client.send(
      new PutSecretValueCommand({
        SecretId: 'ocop-sync/test/stages',
        SecretString: 'two',
        ClientRequestToken: TOKEN_A,
      }),
    );
    expect(put).toMatchObject({ VersionId: TOKEN_A, VersionStages: ['AWSCURRENT'] });
    const read = (input: { VersionStage?: string; VersionId?: string }) =>
      endpoint.client.send(new GetSecretValueCommand({ SecretId: 'ocop-sync/test/stages', ...input }));
    expect((await read({})).SecretString).toBe('two');
    expect((await read({ VersionStage: 'AWSPREVIOUS' })).SecretString).toBe('one');
    expect((await read({ VersionId: created.VersionId })).VersionStages).toEqual(['AWSPREVIOUS']);
    await expect(read({ VersionStage: 'AWSPENDING' })).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('ignores a retried PutSecretValue with the same token and value, and refuses a different value', async () => {
    await endpoint.client.send(
      new CreateSecretCommand({ Name: 'ocop-sync/test/token', SecretString: 'one' }),
    );
    const put = () =>
      endpoint.client.send(
        new PutSecretValueCommand({
          SecretId: 'ocop-sync/test/token',
          SecretString: 'two',
          ClientRequestToken: TOKEN_B,
        }),
      );
    await put();
    await put();
    const described = await endpoint.client.send(
      new DescribeSecretCommand({ SecretId: 'ocop-sync/test/token' }),
    );
    expect(Object.keys(described.VersionIdsToStages ?? {})).toHaveLength(2);
    const changed = endpoint.client.send(
      new PutSecretValueCommand({
        SecretId: 'ocop-sync/test/token',
        SecretString: 'three',
        ClientRequestToken: TOKEN_B,
      }),
    );
    await expect(changed).rejects.toBeInstanceOf(ResourceExistsException);
    const current = await endpoint.client.send(
      new GetSecretValueCommand({ SecretId: 'ocop-sync/test/token' }),
    );
    expect(current.SecretString).toBe('two');
  });

  it('moves a label only from the version named in RemoveFromVersionId (compare-and-swap)', async () => {
    const name = 'ocop-sync/test/cas';
    const first = await endpoint.client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const pending = await endpoint.client.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: 'two', VersionStages: ['AWSPENDING'] }),
    );
    const stale = endpoint.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: pending.VersionId,
        RemoveFromVersionId: pending.VersionId,
      }),
    );
    await expect(stale).rejects.toBeInstanceOf(InvalidParameterException);
    const unnamed = endpoint.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: pending.VersionId,
      }),
    );
    await expect(unnamed).rejects.toBeInstanceOf(InvalidParameterException);
    await endpoint.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: name,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: pending.VersionId,
        RemoveFromVersionId: first.VersionId,
      }),
    );
    const described = await endpoint.client.send(new DescribeSecretCommand({ SecretId: name }));
    expect(described.VersionIdsToStages).toEqual({
      [String(first.VersionId)]: ['AWSPREVIOUS'],
      [String(pending.VersionId)]: ['AWSPENDING', 'AWSCURRENT'],
    });
  });

  it('updates the description and adds a version with UpdateSecret; keeps binary values as bytes', async () => {
    await endpoint.client.send(
      new CreateSecretCommand({ Name: 'ocop-sync/test/update', SecretString: 'one' }),
    );
    const updated = await endpoint.client.send(
      new UpdateSecretCommand({
        SecretId: 'ocop-sync/test/update',
        SecretString: 'two',
        Description: 'now two',
      }),
    );
    const current = await endpoint.client.send(
      new GetSecretValueCommand({ SecretId: 'ocop-sync/test/update' }),
    );
    expect(current).toMatchObject({ SecretString: 'two', VersionId: updated.VersionId });
    const bytes = new Uint8Array([0, 1, 2, 250]);
    await endpoint.client.send(
      new CreateSecretCommand({ Name: 'ocop-sync/test/binary', SecretBinary: bytes }),
    );
    const binary = await endpoint.client.send(
      new GetSecretValueCommand({ SecretId: 'ocop-sync/test/binary' }),
    );
    expect(binary.SecretBinary).toEqual(bytes);
    expect(binary.SecretString).toBeUndefined();
    const both = endpoint.client.send(
      new PutSecretValueCommand({
        SecretId: 'ocop-sync/test/binary',
        SecretString: 'x',
        SecretBinary: bytes,
      }),
    );
    await expect(both).rejects.toBeInstanceOf(InvalidParameterException);
    const nothing = endpoint.client.send(new PutSecretValueCommand({ SecretId: 'ocop-sync/test/binary' }));
    await expect(nothing).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('answers InvalidAction to an action it does not serve', async () => {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'secretsmanager.RotateSecret',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'InvalidAction' });
  });
});
