import type { Channel } from '@ocop-sync/domain';
import { createShopAuthorizer, type ShopAuthorizer } from '@ocop-sync/marketplaces';
import { type AwsClients, ConfigurationError, type FunctionEnvironment } from '@ocop-sync/runtime';
import { loadMarketplaceApps, type MarketplaceApps } from '@ocop-sync/workflows';

/** Lazada's token and authorisation host is not the API host (research §2.2, LAZ-GUIDE seller-authorization-introduction). */
const LAZADA_PRODUCTION_API = 'https://api.lazada.vn/rest';
const LAZADA_PRODUCTION_AUTH = 'https://auth.lazada.com/rest';

/**
 * Each channel's `ShopAuthorizer`, configured from the same app credentials and base URLs as the adapters.
 * Credentials are fetched on first use and kept (a failed fetch is retried on the next call).
 */
export function createAuthorizerSource(
  config: FunctionEnvironment,
  clients: Pick<AwsClients, 'secretsManager'>,
): (channel: Channel) => Promise<ShopAuthorizer> {
  let apps: Promise<MarketplaceApps> | undefined;
  const built = new Map<Channel, ShopAuthorizer>();
  return async (channel) => {
    const known = built.get(channel);
    if (known !== undefined) return known;
    apps ??= loadMarketplaceApps(config, clients).catch((error: unknown) => {
      apps = undefined;
      throw error;
    });
    const authorizer = authorizerFor(channel, await apps, config);
    built.set(channel, authorizer);
    return authorizer;
  };
}

function authorizerFor(channel: Channel, apps: MarketplaceApps, config: FunctionEnvironment): ShopAuthorizer {
  const missing = () => new ConfigurationError(`no app credentials for ${channel}`);
  switch (channel) {
    case 'shopee':
      if (apps.shopee === undefined) throw missing();
      return createShopAuthorizer('shopee', { ...apps.shopee, baseUrl: config.SHOPEE_BASE_URL });
    case 'lazada': {
      if (apps.lazada === undefined) throw missing();
      const production = config.LAZADA_BASE_URL.replace(/\/+$/, '') === LAZADA_PRODUCTION_API;
      return createShopAuthorizer('lazada', {
        ...apps.lazada,
        baseUrl: config.LAZADA_BASE_URL,
        ...(production ? { authBaseUrl: LAZADA_PRODUCTION_AUTH } : {}),
      });
    }
    case 'postmart': {
      if (apps.postmart === undefined) throw missing();
      if (config.POSTMART_BASE_URL === undefined)
        throw new ConfigurationError('POSTMART_BASE_URL is not set');
      const { clientId, clientSecret } = apps.postmart;
      return createShopAuthorizer('postmart', { clientId, clientSecret, baseUrl: config.POSTMART_BASE_URL });
    }
  }
}
