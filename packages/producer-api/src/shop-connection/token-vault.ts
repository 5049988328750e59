import { DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteSecretCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Channel } from '@ocop-sync/domain';
import {
  SecretsManagerTokenStore,
  type ShopKey,
  type ShopTokens,
  type TokenStore,
} from '@ocop-sync/marketplaces';
import { createLedgerTokenStore } from '@ocop-sync/workflows';

/**
 * Per-shop token secrets are `<prefix><channel>/<shopId>`; the prefix is `SHOP_TOKEN_SECRET_NAME_PREFIX`, which
 * the stack sets to the prefix it grants (infra/lib/secrets.ts `shopTokensPrefix`).
 */
export const shopTokenSecretName = (prefix: string, channel: Channel, shopId: string): string =>
  `${prefix}${channel}/${shopId}`;

/** Where a connected shop's tokens are kept, and how they are dropped when the shop is disconnected. */
export interface ShopTokenVault {
  /** The store the adapters read through (`ShopAccount.tokens`). */
  readonly tokens: TokenStore;
  store(shop: ShopKey, tokens: ShopTokens): Promise<void>;
  remove(shop: ShopKey): Promise<void>;
}

export interface ShopTokenVaultConfig {
  mode: 'production' | 'local';
  ledger: { client: DynamoDBClient; tableName: string };
  secretsManager: SecretsManagerClient;
}

/**
 * The same store the marketplace functions read: Secrets Manager, except in local mode, where the ledger
 * table keeps them (workflows' `createLedgerTokenStore`, what the local stack's listing-sync reads).
 * Postmart grants carry no tokens (empty strings): nothing is stored for them.
 */
export function createShopTokenVault(config: ShopTokenVaultConfig): ShopTokenVault {
  const local = config.mode === 'local';
  const tokens = local
    ? createLedgerTokenStore(config.ledger.client, config.ledger.tableName)
    : new SecretsManagerTokenStore(config.secretsManager);
  return {
    tokens,
    async store(shop, value) {
      if (value.accessToken === '') return;
      await tokens.put(shop, value);
    },
    remove: local
      ? (shop) => removeLocal(config.ledger, shop)
      : (shop) => removeSecret(config.secretsManager, shop),
  };
}

/** At once, without a recovery window: the grant is over, and a reconnection must be able to create it anew. */
async function removeSecret(client: SecretsManagerClient, shop: ShopKey): Promise<void> {
  if (shop.tokenSecretName === undefined) return;
  try {
    await client.send(
      new DeleteSecretCommand({ SecretId: shop.tokenSecretName, ForceDeleteWithoutRecovery: true }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}

async function removeLocal(ledger: ShopTokenVaultConfig['ledger'], shop: ShopKey): Promise<void> {
  if (shop.tokenSecretName === undefined) return;
  await ledger.client.send(
    new DeleteItemCommand({
      TableName: ledger.tableName,
      Key: { pk: { S: `LOCAL-SECRET#${shop.tokenSecretName}` }, sk: { S: 'SECRET' } },
    }),
  );
}
