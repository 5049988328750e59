import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import { functionEnvironment } from '@ocop-sync/routing';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopTokenVault, shopTokenSecretName } from '../src/shop-connection/token-vault.js';

// The default the functions read when the stack sets nothing else.
const PREFIX = functionEnvironment.shape.SHOP_TOKEN_SECRET_NAME_PREFIX.parse(undefined);

const tokens = {
  accessToken: 'shpat_first',
  refreshToken: 'shprt_first',
  accessExpiresAt: 1_800_000_000_000,
};
const renewed = { ...tokens, accessToken: 'shpat_second', refreshToken: 'shprt_second' };

let table: TestLedgerTable;
let secrets: Awaited<ReturnType<typeof startSecretsManagerServer>>;
let secretsManager: SecretsManagerClient;
beforeAll(async () => {
  table = await createTestLedgerTable('shop-vault');
  secrets = await startSecretsManagerServer({ port: 0 });
  secretsManager = new SecretsManagerClient({
    endpoint: secrets.url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  secretsManager.destroy();
  await secrets.close();
  await table.drop();
});

describe.each(['production', 'local'] as const)('shop token vault (%s mode)', (mode) => {
  const vault = () => createShopTokenVault({ mode, ledger: table, secretsManager });
  const shop = (shopId: string) => ({
    channel: 'shopee' as const,
    shopId,
    tokenSecretName: shopTokenSecretName(PREFIX, 'shopee', shopId),
  });

  it('stores, drops, and stores again after a reconnection', async () => {
    const key = shop(`${mode}-1`);
    await vault().store(key, tokens);
    expect(await vault().tokens.get(key)).toEqual(tokens);
    await vault().remove(key);
    expect(await vault().tokens.get(key)).toBeUndefined();
    await vault().remove(key);
    await vault().store(key, renewed);
    expect(await vault().tokens.get(key)).toEqual(renewed);
  });

  it('stores nothing for a Postmart grant, which has no tokens', async () => {
    const key = {
      channel: 'postmart' as const,
      shopId: `${mode}-pm`,
      tokenSecretName: shopTokenSecretName(PREFIX, 'postmart', `${mode}-pm`),
    };
    await vault().store(key, { accessToken: '', refreshToken: '', accessExpiresAt: Number.MAX_SAFE_INTEGER });
    expect(await vault().tokens.get(key)).toBeUndefined();
  });
});

describe('shop token secret names', () => {
  it('follow the prefix the stack grants: <prefix><channel>/<shopId>, ocop-sync/shops/ by default', () => {
    expect(shopTokenSecretName(PREFIX, 'lazada', '200001')).toBe('ocop-sync/shops/lazada/200001');
    expect(shopTokenSecretName('staging/shops/', 'shopee', '7')).toBe('staging/shops/shopee/7');
  });
});
