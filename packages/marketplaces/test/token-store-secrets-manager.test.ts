import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsManagerTokenStore } from '../src/index.js';

describe('SecretsManagerTokenStore over a local Secrets Manager endpoint', () => {
  let server: Awaited<ReturnType<typeof startSecretsManagerServer>>;
  let client: SecretsManagerClient;
  let store: SecretsManagerTokenStore;
  beforeAll(async () => {
    server = await startSecretsManagerServer({ port: 0 });
    client = new SecretsManagerClient({
      endpoint: server.url,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    store = new SecretsManagerTokenStore(client);
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  const shop = (shopId: string) => ({
    channel: 'shopee' as const,
    shopId,
    tokenSecretName: `ocop-sync/shops/shopee/${shopId}`,
  });

  it('has no tokens for a shop whose secret does not exist yet', async () => {
    await expect(store.get(shop('100001'))).resolves.toBeUndefined();
  });

  it('creates the secret on the first put, then adds versions, keeping the previous pair as AWSPREVIOUS', async () => {
    const account = shop('100002');
    const first = {
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      accessExpiresAt: 1_000,
      refreshExpiresAt: 9_000,
    };
    const second = { accessToken: 'access-2', refreshToken: 'refresh-2', accessExpiresAt: 2_000 };
    await store.put(account, first);
    await expect(store.get(account)).resolves.toEqual(first);
    await store.put(account, second);
    await expect(store.get(account)).resolves.toEqual(second);

    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: account.tokenSecretName, VersionStage: 'AWSPREVIOUS' }),
    );
    expect(JSON.parse(previous.SecretString ?? '{}')).toEqual(first);
    const described = await client.send(new DescribeSecretCommand({ SecretId: account.tokenSecretName }));
    expect(Object.values(described.VersionIdsToStages ?? {}).sort()).toEqual([
      ['AWSCURRENT'],
      ['AWSPREVIOUS'],
    ]);
  });

  it('does not mistake a secret scheduled for deletion for a shop without tokens', async () => {
    const account = shop('100003');
    await store.put(account, { accessToken: 'a', refreshToken: 'r', accessExpiresAt: 1 });
    await client.send(
      new DeleteSecretCommand({ SecretId: account.tokenSecretName, RecoveryWindowInDays: 7 }),
    );
    await expect(store.get(account)).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(
      store.put(account, { accessToken: 'b', refreshToken: 'r', accessExpiresAt: 2 }),
    ).rejects.toBeInstanceOf(InvalidRequestException);
  });
});
