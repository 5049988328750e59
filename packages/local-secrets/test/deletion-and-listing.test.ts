import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { StateCorruptError, startSecretsManagerServer } from '../src/index.js';
import { failureOf, manualClock, startEndpoint, temporaryDataDir } from './helpers.js';

const DAY = 86_400_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function endpointWith(options: Parameters<typeof startEndpoint>[0] = {}) {
  const endpoint = await startEndpoint(options);
  cleanups.push(endpoint.close);
  return endpoint;
}

describe('local Secrets Manager: deletion', () => {
  it('refuses reads of a secret in its recovery window, restores it, and forgets it after the window', async () => {
    const clock = manualClock();
    const { client } = await endpointWith({ now: clock.now });
    const SecretId = 'ocop-sync/test/deleted';
    await client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'v' }));

    const deleted = await client.send(new DeleteSecretCommand({ SecretId, RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate?.getTime()).toBe(clock.now().getTime() + 7 * DAY);
    expect(await failureOf(client.send(new GetSecretValueCommand({ SecretId })))).toEqual({
      name: 'InvalidRequestException',
      status: 400,
    });
    await expect(
      client.send(new PutSecretValueCommand({ SecretId, SecretString: 'w' })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(
      client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'w' })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
    expect((await client.send(new DescribeSecretCommand({ SecretId }))).DeletedDate).toBeInstanceOf(Date);

    await client.send(new RestoreSecretCommand({ SecretId }));
    expect((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString).toBe('v');

    await client.send(new DeleteSecretCommand({ SecretId, RecoveryWindowInDays: 7 }));
    clock.advance(7 * DAY);
    await expect(client.send(new DescribeSecretCommand({ SecretId }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'again' }));
  });

  it('deletes at once when forced, freeing the name', async () => {
    const { client } = await endpointWith();
    const SecretId = 'ocop-sync/test/forced';
    await client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'v' }));
    await client.send(new DeleteSecretCommand({ SecretId, ForceDeleteWithoutRecovery: true }));
    await expect(client.send(new GetSecretValueCommand({ SecretId }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'w' }));
    expect((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString).toBe('w');
  });

  it('refuses a recovery window outside 7–30 days and a forced delete with a window', async () => {
    const { client } = await endpointWith();
    const SecretId = 'ocop-sync/test/window';
    await client.send(new CreateSecretCommand({ Name: SecretId, SecretString: 'v' }));
    for (const input of [
      { RecoveryWindowInDays: 3 },
      { RecoveryWindowInDays: 31 },
      { RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true },
    ]) {
      await expect(client.send(new DeleteSecretCommand({ SecretId, ...input }))).rejects.toBeInstanceOf(
        InvalidParameterException,
      );
    }
    expect((await client.send(new GetSecretValueCommand({ SecretId }))).SecretString).toBe('v');
  });
});

describe('local Secrets Manager: listing', () => {
  it('filters by name prefix (a leading ! negates), hides planned deletions and pages', async () => {
    const { client } = await endpointWith();
    for (const name of [
      'ocop-sync/webhooks/a',
      'ocop-sync/webhooks/b',
      'ocop-sync/webhooks/c',
      'ocop-sync/shops/x',
    ]) {
      await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    }
    await client.send(new DeleteSecretCommand({ SecretId: 'ocop-sync/webhooks/c' }));
    const names = async (input: ListSecretsCommandInput) =>
      ((await client.send(new ListSecretsCommand(input))).SecretList ?? []).map((entry) => entry.Name).sort();

    const webhooks = [{ Key: 'name' as const, Values: ['ocop-sync/webhooks/'] }];
    expect(await names({ Filters: webhooks })).toEqual(['ocop-sync/webhooks/a', 'ocop-sync/webhooks/b']);
    expect(await names({ Filters: webhooks, IncludePlannedDeletion: true })).toHaveLength(3);
    expect(await names({ Filters: [{ Key: 'name', Values: ['!ocop-sync/webhooks/'] }] })).toEqual([
      'ocop-sync/shops/x',
    ]);

    const first = await client.send(
      new ListSecretsCommand({ Filters: webhooks, MaxResults: 1, SortOrder: 'asc' }),
    );
    expect(first.SecretList?.map((entry) => entry.Name)).toEqual(['ocop-sync/webhooks/a']);
    const second = await client.send(
      new ListSecretsCommand({
        Filters: webhooks,
        MaxResults: 1,
        SortOrder: 'asc',
        NextToken: first.NextToken,
      }),
    );
    expect(second.SecretList?.map((entry) => entry.Name)).toEqual(['ocop-sync/webhooks/b']);
    expect(second.NextToken).toBeUndefined();
    expect(Object.values(second.SecretList?.[0]?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
  });
});

describe('local Secrets Manager: persistence', () => {
  it('keeps secrets, versions and deletion schedules across a restart', async () => {
    const { dataDir, remove } = temporaryDataDir();
    cleanups.push(remove);
    const before = await startEndpoint({ dataDir });
    await before.client.send(new CreateSecretCommand({ Name: 'ocop-sync/test/kept', SecretString: 'one' }));
    await before.client.send(
      new PutSecretValueCommand({ SecretId: 'ocop-sync/test/kept', SecretString: 'two' }),
    );
    await before.client.send(new CreateSecretCommand({ Name: 'ocop-sync/test/going', SecretString: 'x' }));
    await before.client.send(new DeleteSecretCommand({ SecretId: 'ocop-sync/test/going' }));
    await before.close();

    const after = await endpointWith({ dataDir });
    const previous = await after.client.send(
      new GetSecretValueCommand({ SecretId: 'ocop-sync/test/kept', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous.SecretString).toBe('one');
    await expect(
      after.client.send(new GetSecretValueCommand({ SecretId: 'ocop-sync/test/going' })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });

  it('refuses to start on a corrupt state file rather than lose secrets', async () => {
    const { dataDir, remove } = temporaryDataDir();
    cleanups.push(remove);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'secrets.json'), '{"secrets": [{"name": 1}]}');
    await expect(startSecretsManagerServer({ port: 0, dataDir })).rejects.toBeInstanceOf(StateCorruptError);
  });
});
