import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { ShopKey, ShopTokens, TokenStore } from '../types.js';

const storedTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessExpiresAt: z.number().int(),
  refreshExpiresAt: z.number().int().optional(),
});

const keyOf = (shop: ShopKey) => `${shop.channel}:${shop.shopId}`;

/** Tokens in memory: tests, the local stack and the benchmark. */
export class InMemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, ShopTokens>();

  async get(shop: ShopKey): Promise<ShopTokens | undefined> {
    const tokens = this.#tokens.get(keyOf(shop));
    return tokens === undefined ? undefined : { ...tokens };
  }

  async put(shop: ShopKey, tokens: ShopTokens): Promise<void> {
    this.#tokens.set(keyOf(shop), { ...tokens });
  }
}

/**
 * Tokens in AWS Secrets Manager, one secret per shop, named by the shop account's `tokenSecretName`
 * (the connection flow that authorised the shop created it). The JSON value is
 * `{ accessToken, refreshToken, accessExpiresAt, refreshExpiresAt? }`.
 */
export class SecretsManagerTokenStore implements TokenStore {
  readonly #client: SecretsManagerClient;

  constructor(client: SecretsManagerClient) {
    this.#client = client;
  }

  async get(shop: ShopKey): Promise<ShopTokens | undefined> {
    try {
      const output = await this.#client.send(new GetSecretValueCommand({ SecretId: secretName(shop) }));
      if (output.SecretString === undefined) return undefined;
      const parsed = storedTokens.parse(JSON.parse(output.SecretString));
      return withoutUndefined(parsed);
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async put(shop: ShopKey, tokens: ShopTokens): Promise<void> {
    const SecretString = JSON.stringify(tokens);
    try {
      await this.#client.send(new PutSecretValueCommand({ SecretId: secretName(shop), SecretString }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await this.#client.send(new CreateSecretCommand({ Name: secretName(shop), SecretString }));
    }
  }
}

function secretName(shop: ShopKey): string {
  if (shop.tokenSecretName === undefined || shop.tokenSecretName === '') {
    throw new TypeError(`${shop.channel} shop ${shop.shopId} has no tokenSecretName`);
  }
  return shop.tokenSecretName;
}

function withoutUndefined(tokens: z.infer<typeof storedTokens>): ShopTokens {
  const { refreshExpiresAt, ...rest } = tokens;
  return refreshExpiresAt === undefined ? rest : { ...rest, refreshExpiresAt };
}
