import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { Channel } from '@ocop-sync/domain';
import { createLedger, createRatePermitStore, type Ledger } from '@ocop-sync/ledger';
import {
  type AdapterOptions,
  type ImageDownloader,
  LazadaAdapter,
  type MarketplaceAdapter,
  type Logger as MarketplaceLogger,
  PostmartAdapter,
  SecretsManagerTokenStore,
  SharedRateLimiter,
  type ShopAccount,
  ShopeeAdapter,
  type ShopKey,
  type ShopTokens,
  type TokenStore,
} from '@ocop-sync/marketplaces';
import { type AwsClients, ConfigurationError, type FunctionEnvironment } from '@ocop-sync/runtime';
import { z } from 'zod';

/** The marketplaces' app credentials: one JSON document, one key per channel (absent = channel not configured). */
export const marketplaceApps = z.object({
  shopee: z.object({ partnerId: z.coerce.number().int(), partnerKey: z.string().min(1) }).optional(),
  lazada: z.object({ appKey: z.string().min(1), appSecret: z.string().min(1) }).optional(),
  postmart: z
    .object({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      /** Standard Webhooks secret (`whsec_…`) that signs Postmart's pushes. */
      webhookSecret: z.string().min(1).optional(),
    })
    .optional(),
});
export type MarketplaceApps = z.output<typeof marketplaceApps>;

/** What a marketplace-facing handler needs: the channel's adapter and the producer's shop on it. */
export interface ChannelWiring {
  adapter: MarketplaceAdapter;
  accountFor(producerId: string, channel: Channel): Promise<ShopAccount | undefined>;
}

/**
 * Loads the app credentials: from Secrets Manager (`MARKETPLACE_APP_SECRET_NAME`) in production, from the
 * `LOCAL_MARKETPLACE_APPS` variable in local mode (the local stack has no Secrets Manager).
 */
export async function loadMarketplaceApps(
  config: FunctionEnvironment,
  clients: Pick<AwsClients, 'secretsManager'>,
): Promise<MarketplaceApps> {
  const raw =
    config.OCOP_MODE === 'local' && config.LOCAL_MARKETPLACE_APPS !== undefined
      ? config.LOCAL_MARKETPLACE_APPS
      : (
          await clients.secretsManager.send(
            new GetSecretValueCommand({ SecretId: config.MARKETPLACE_APP_SECRET_NAME }),
          )
        ).SecretString;
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '{}');
  } catch {
    json = undefined;
  }
  const parsed = marketplaceApps.safeParse(json);
  // Never the value in the message: it holds the partner keys.
  if (!parsed.success) throw new ConfigurationError('marketplace app credentials are malformed');
  return parsed.data;
}

/**
 * The adapter for one channel and the lookup of a producer's linked shop on it, built once at cold start.
 * App credentials are fetched on the first marketplace call (so building stays synchronous) and kept.
 *
 * @example
 * const { adapter, accountFor } = createChannelAdapter(config, clients, 'postmart');
 * const account = await accountFor('HTX-UMINH', 'postmart');
 */
export function createChannelAdapter(
  config: FunctionEnvironment,
  clients: AwsClients,
  channel: Channel,
  options: Partial<AdapterOptions> = {},
): ChannelWiring {
  // The app-wide limit is paced across every execution through the ledger table (one claim reserves permits
  // for every waiting call); `appRateShare` in `options` is the fallback if the table cannot be reached.
  const sharedRateLimiter = new SharedRateLimiter({
    store: createRatePermitStore({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  let apps: Promise<MarketplaceApps> | undefined;
  const load = async () => {
    apps ??= loadMarketplaceApps(config, clients).catch((error: unknown) => {
      apps = undefined;
      throw error;
    });
    return adapterFor(channel, await apps, config, { sharedRateLimiter, ...options });
  };
  let built: Promise<MarketplaceAdapter> | undefined;
  const adapter = lazyAdapter(channel, () => {
    built ??= load().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  });
  const ledger = createLedger({ client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME });
  const tokens = tokenStoreFor(config, clients);
  return { adapter, accountFor: (producerId, wanted) => findAccount(ledger, tokens, producerId, wanted) };
}

/** The adapters' structured logger over Powertools' (which takes attributes as a rest argument). */
export function adapterLogger(logger: PowertoolsLogger): MarketplaceLogger {
  return {
    debug: (message, attributes = {}) => logger.debug(message, attributes),
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
    error: (message, attributes = {}) => logger.error(message, attributes),
  };
}

function adapterFor(
  channel: Channel,
  apps: MarketplaceApps,
  config: FunctionEnvironment,
  options: Partial<AdapterOptions>,
): MarketplaceAdapter {
  const missing = () => new ConfigurationError(`no app credentials for ${channel}`);
  if (channel === 'shopee') {
    if (apps.shopee === undefined) throw missing();
    const origin = config.OCOP_MODE === 'local' ? config.LOCAL_IMAGE_ORIGIN : undefined;
    return new ShopeeAdapter({
      ...options,
      ...apps.shopee,
      baseUrl: config.SHOPEE_BASE_URL,
      ...(origin === undefined ? {} : { downloadImage: localImageDownloader(origin) }),
    });
  }
  if (channel === 'lazada') {
    if (apps.lazada === undefined) throw missing();
    return new LazadaAdapter({ ...options, ...apps.lazada, baseUrl: config.LAZADA_BASE_URL });
  }
  if (apps.postmart === undefined) throw missing();
  if (config.POSTMART_BASE_URL === undefined) throw new ConfigurationError('POSTMART_BASE_URL is not set');
  const { clientId, clientSecret } = apps.postmart;
  return new PostmartAdapter({ ...options, clientId, clientSecret, baseUrl: config.POSTMART_BASE_URL });
}

/**
 * LOCAL MODE ONLY: the local stack has no internet, so product images `https://host/path` are fetched from its
 * image host at `${origin}/host/path`. Production never sets LOCAL_IMAGE_ORIGIN and downloads the real URL.
 */
export function localImageDownloader(origin: string): ImageDownloader {
  const base = origin.replace(/\/+$/, '');
  return (url, init) => {
    const { host, pathname, search } = new URL(url);
    return fetch(`${base}/${host}${pathname}${search}`, init);
  };
}

/** Delegates every call to the adapter once it is built (its credentials are fetched asynchronously). */
function lazyAdapter(channel: Channel, get: () => Promise<MarketplaceAdapter>): MarketplaceAdapter {
  return {
    channel,
    upsertListing: async (account, draft, known) => (await get()).upsertListing(account, draft, known),
    setStock: async (account, ref, quantity) => (await get()).setStock(account, ref, quantity),
    setPrice: async (account, ref, priceVnd) => (await get()).setPrice(account, ref, priceVnd),
    delist: async (account, ref) => (await get()).delist(account, ref),
    remove: async (account, ref) => (await get()).remove(account, ref),
    getListing: async (account, lookup) => (await get()).getListing(account, lookup),
    getListings: async (account, refs) => (await get()).getListings(account, refs),
    refreshToken: async (account) => (await get()).refreshToken(account),
    getOrder: async (account, orderId) => (await get()).getOrder(account, orderId),
  };
}

async function findAccount(
  ledger: Pick<Ledger, 'getChannelAccount'>,
  tokens: TokenStore,
  producerId: string,
  channel: Channel,
): Promise<ShopAccount | undefined> {
  // The one channel's account by key: all of them would also read every order the producer took.
  const linked = await ledger.getChannelAccount(producerId, channel);
  if (linked === undefined || linked.status !== 'linked') return undefined;
  return { channel, shopId: linked.shopId, tokenSecretName: linked.credentialsSecretName, tokens };
}

function tokenStoreFor(config: FunctionEnvironment, clients: AwsClients): TokenStore {
  return config.OCOP_MODE === 'local'
    ? createLedgerTokenStore(clients.dynamodb, config.LEDGER_TABLE_NAME)
    : new SecretsManagerTokenStore(clients.secretsManager);
}

const storedTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string(),
  accessExpiresAt: z.number().int(),
  refreshExpiresAt: z.number().int().optional(),
});

/**
 * LOCAL MODE ONLY: shop tokens kept in the ledger table under `LOCAL-SECRET#<secret name>` / `SECRET`, so the
 * local stack can seed sandbox shop tokens without Secrets Manager. The table's backups and stream would carry
 * them, which is why production always uses `SecretsManagerTokenStore`.
 */
export function createLedgerTokenStore(client: DynamoDBClient, tableName: string): TokenStore {
  const key = (shop: ShopKey) => {
    if (shop.tokenSecretName === undefined) throw new TypeError(`shop ${shop.shopId} has no tokenSecretName`);
    return { pk: { S: `LOCAL-SECRET#${shop.tokenSecretName}` }, sk: { S: 'SECRET' } };
  };
  return {
    async get(shop) {
      const output = await client.send(
        new GetItemCommand({ TableName: tableName, Key: key(shop), ConsistentRead: true }),
      );
      const value = output.Item?.value?.S;
      if (value === undefined) return undefined;
      const { refreshExpiresAt, ...rest } = storedTokens.parse(JSON.parse(value));
      return refreshExpiresAt === undefined ? rest : { ...rest, refreshExpiresAt };
    },
    async put(shop, tokens: ShopTokens) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { ...key(shop), value: { S: JSON.stringify(tokens) } },
        }),
      );
    },
  };
}
