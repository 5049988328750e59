import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import {
  InMemoryTokenStore,
  InvalidAccessTokenError,
  NeedsHumanError,
  SecretsManagerTokenStore,
  type ShopAccount,
  type ShopTokens,
  TokenKeeper,
} from '../src/index.js';

const HOUR = 3_600_000;

async function prepare(tokens: ShopTokens, now = 0) {
  const store = new InMemoryTokenStore();
  const account: ShopAccount = { channel: 'shopee', shopId: '322300222', tokens: store };
  await store.put(account, tokens);
  let refreshes = 0;
  const keeper = new TokenKeeper({
    refreshAheadMs: 10 * 60_000,
    now: () => now,
    refresh: async () => {
      refreshes += 1;
      return {
        accessToken: `access-${refreshes}`,
        refreshToken: `refresh-${refreshes}`,
        accessExpiresAt: now + 4 * HOUR,
      };
    },
  });
  return { account, store, keeper, refreshes: () => refreshes };
}

describe('token keeper', () => {
  it('uses a stored token that is not about to expire', async () => {
    const { account, keeper, refreshes } = await prepare({
      accessToken: 'a0',
      refreshToken: 'r0',
      accessExpiresAt: 4 * HOUR,
    });
    await expect(keeper.withToken(account, async (token) => token)).resolves.toBe('a0');
    expect(refreshes()).toBe(0);
  });

  it('refreshes before expiry and stores the new pair', async () => {
    const { account, keeper, store } = await prepare({
      accessToken: 'a0',
      refreshToken: 'r0',
      accessExpiresAt: 5 * 60_000,
    });
    await expect(keeper.withToken(account, async (token) => token)).resolves.toBe('access-1');
    await expect(store.get(account)).resolves.toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
  });

  it('refreshes once when the marketplace refuses the token, then repeats the call', async () => {
    const { account, keeper, refreshes } = await prepare({
      accessToken: 'a0',
      refreshToken: 'r0',
      accessExpiresAt: 4 * HOUR,
    });
    const seen: string[] = [];
    const result = await keeper.withToken(account, async (token) => {
      seen.push(token);
      if (token === 'a0')
        throw new InvalidAccessTokenError('refused', { channel: 'shopee', code: 'error_auth' });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(seen).toEqual(['a0', 'access-1']);
    expect(refreshes()).toBe(1);
  });

  it('asks a human when the fresh token is refused too', async () => {
    const { account, keeper } = await prepare({
      accessToken: 'a0',
      refreshToken: 'r0',
      accessExpiresAt: 4 * HOUR,
    });
    const refuse = async () => {
      throw new InvalidAccessTokenError('refused', { channel: 'shopee', code: 'error_auth' });
    };
    const error = await keeper.withToken(account, refuse).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NeedsHumanError);
    expect(error).toMatchObject({ resolution: 'reauthorize-shop' });
    expect((error as NeedsHumanError).humanMessage.vi).toContain('Shopee');
  });

  it('never refreshes the same shop twice at once (single-use refresh tokens)', async () => {
    const { account, keeper, refreshes } = await prepare({
      accessToken: 'a0',
      refreshToken: 'r0',
      accessExpiresAt: 0,
    });
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => keeper.withToken(account, async (token) => token)),
    );
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(refreshes()).toBe(1);
  });

  it('asks a human without calling the marketplace once the refresh token has expired', async () => {
    const { account, keeper, refreshes } = await prepare(
      { accessToken: 'a0', refreshToken: 'r0', accessExpiresAt: 0, refreshExpiresAt: 0 },
      HOUR,
    );
    await expect(keeper.withToken(account, async (token) => token)).rejects.toBeInstanceOf(NeedsHumanError);
    expect(refreshes()).toBe(0);
  });
});

describe('Secrets Manager token store', () => {
  /** A stand-in for the SDK client that keeps secret values by name. */
  function fakeClient() {
    const secrets = new Map<string, string>();
    const sent: string[] = [];
    const client = {
      send: async (command: unknown) => {
        if (command instanceof GetSecretValueCommand) {
          const name = String(command.input.SecretId);
          sent.push(`get ${name}`);
          const value = secrets.get(name);
          if (value === undefined)
            throw new ResourceNotFoundException({ message: 'no secret', $metadata: {} });
          return { SecretString: value };
        }
        if (command instanceof PutSecretValueCommand) {
          sent.push(`put ${String(command.input.SecretId)}`);
          secrets.set(String(command.input.SecretId), String(command.input.SecretString));
          return {};
        }
        throw new Error('unexpected command');
      },
    };
    return { client: client as unknown as SecretsManagerClient, sent };
  }

  it('reads and writes the secret named by the shop account', async () => {
    const { client, sent } = fakeClient();
    const store = new SecretsManagerTokenStore(client);
    const shop = {
      channel: 'lazada' as const,
      shopId: '1234567',
      tokenSecretName: 'ocop-sync/lazada/1234567',
    };
    await expect(store.get(shop)).resolves.toBeUndefined();
    const tokens = { accessToken: 'a', refreshToken: 'r', accessExpiresAt: 1, refreshExpiresAt: 2 };
    await store.put(shop, tokens);
    await expect(store.get(shop)).resolves.toEqual(tokens);
    expect(sent).toEqual([
      'get ocop-sync/lazada/1234567',
      'put ocop-sync/lazada/1234567',
      'get ocop-sync/lazada/1234567',
    ]);
  });

  it('refuses a shop account without a secret name', async () => {
    const store = new SecretsManagerTokenStore(fakeClient().client);
    await expect(store.get({ channel: 'shopee', shopId: '1' })).rejects.toThrow(/tokenSecretName/);
  });
});
