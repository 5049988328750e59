import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_ENV, keyFileOf, StateCorruptError, startSecretsManagerServer } from '../src/index.js';
import { startEndpoint, temporaryDataDir } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function dataDir(): string {
  const made = temporaryDataDir();
  cleanups.push(made.remove);
  return made.dataDir;
}

const token = 'shpat_3f9c1e77a2b04d6e8c1f5a9b';
const tokens = JSON.stringify({ accessToken: token, refreshToken: 'shprt_77b1c0de', accessExpiresAt: 1 });

async function storeTokens(options: Parameters<typeof startEndpoint>[0]) {
  const endpoint = await startEndpoint(options);
  await endpoint.client.send(
    new CreateSecretCommand({ Name: 'ocop-sync/shops/shopee/880001', SecretString: tokens }),
  );
  await endpoint.close();
}

async function readTokens(options: Parameters<typeof startEndpoint>[0]) {
  const endpoint = await startEndpoint(options);
  cleanups.push(endpoint.close);
  const output = await endpoint.client.send(
    new GetSecretValueCommand({ SecretId: 'ocop-sync/shops/shopee/880001' }),
  );
  return output.SecretString;
}

describe('local Secrets Manager: encryption at rest', () => {
  it('keeps no token text, secret name or version in the file on disk, and reads them back after a restart', async () => {
    const dir = dataDir();
    await storeTokens({ dataDir: dir });
    const onDisk = readFileSync(join(dir, 'secrets.json'), 'utf8');
    for (const plain of [token, 'shprt_77b1c0de', 'ocop-sync/shops', 'AWSCURRENT'])
      expect(onDisk).not.toContain(plain);
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'ocop-local-secrets/aes-256-gcm/v1' });
    expect(await readTokens({ dataDir: dir })).toBe(tokens);
  });

  it('makes a 0600 key file next to the data dir, not inside it', async () => {
    const dir = dataDir();
    await storeTokens({ dataDir: dir });
    const keyFile = keyFileOf(dir);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(keyFile.startsWith(`${dir}/`)).toBe(false);
  });

  it('takes the key from OCOP_LOCAL_SECRETS_KEY when it is set, and makes no key file', async () => {
    const dir = dataDir();
    const before = process.env[KEY_ENV];
    process.env[KEY_ENV] = randomBytes(32).toString('base64');
    cleanups.push(() => {
      if (before === undefined) delete process.env[KEY_ENV];
      else process.env[KEY_ENV] = before;
    });
    await storeTokens({ dataDir: dir });
    expect(existsSync(keyFileOf(dir))).toBe(false);
    expect(await readTokens({ dataDir: dir })).toBe(tokens);
  });

  it('refuses to start with another key rather than overwrite what it cannot read', async () => {
    const dir = dataDir();
    await storeTokens({ dataDir: dir, encryptionKey: randomBytes(32) });
    const sealed = readFileSync(join(dir, 'secrets.json'), 'utf8');
    await expect(
      startSecretsManagerServer({ port: 0, dataDir: dir, encryptionKey: randomBytes(32) }),
    ).rejects.toBeInstanceOf(StateCorruptError);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toBe(sealed);
  });

  it('seals a plaintext state file from before encryption when it loads it', async () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const version = { versionId: 'v1', secretString: tokens, stages: ['AWSCURRENT'], createdAt: 1 };
    const secret = {
      arn: 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:ocop-sync/shops/shopee/880001-AbCdEf',
      name: 'ocop-sync/shops/shopee/880001',
      createdAt: 1,
      lastChangedAt: 1,
      versions: [version],
    };
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ secrets: [secret] }));
    expect(await readTokens({ dataDir: dir })).toBe(tokens);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(token);
  });
});
