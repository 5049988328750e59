import type { Channel } from '@ocop-sync/domain';
import type { Ledger } from '@ocop-sync/ledger';
import type { ShopAuthorizer } from '@ocop-sync/marketplaces';
import type { EventPublisher } from '@ocop-sync/runtime';
import { createChannelAdapter, handleListingRequest, type ListingSyncOutcome } from '@ocop-sync/workflows';
import type { ApiDeps, ApiLogger } from '../deps.js';
import { createAuthorizerSource } from './authorizers.js';
import { otherLinkedProducers } from './shop-owners.js';
import type { StateClaims } from './state.js';
import { consumeStateNonce, createStateKeySource } from './state-store.js';
import { createShopTokenVault, type ShopTokenVault, shopTokenSecretName } from './token-vault.js';

/** A delist request as listing-sync takes it (the same detail the certification planner publishes). */
export type DelistRequest = Parameters<typeof handleListingRequest>[1];

/** What the shop-connection steps use; built once per cold start from the API's own deps. */
export interface ShopConnectionDeps {
  readonly ledger: Ledger;
  readonly publisher: EventPublisher;
  readonly logger: ApiLogger;
  readonly now: () => Date;
  readonly stateKey: () => Promise<Buffer>;
  consumeNonce(claims: StateClaims, now: Date): Promise<'consumed' | 'replayed'>;
  authorizer(channel: Channel): Promise<ShopAuthorizer>;
  readonly vault: ShopTokenVault;
  /** Producers other than `producerId` that hold the shop linked. */
  otherLinkedProducers(shop: { channel: Channel; shopId: string; producerId: string }): Promise<string[]>;
  /** `${API_PUBLIC_URL}/v1/oauth/{channel}/callback`: where the marketplace sends the seller back. */
  callbackUrl(channel: Channel): string;
  /** Where a shop's tokens are kept (Secrets Manager name). */
  tokenSecretName(channel: Channel, shopId: string): string;
  /** Takes one listing down now, through listing-sync itself (it records and publishes ListingSynced/Failed). */
  delist(request: DelistRequest): Promise<ListingSyncOutcome>;
}

const built = new WeakMap<ApiDeps, ShopConnectionDeps>();

/** The shop-connection deps of this API instance (made on first use; the API's deps live for the cold start). */
export function shopConnectionDeps(api: ApiDeps): ShopConnectionDeps {
  let deps = built.get(api);
  if (deps === undefined) {
    deps = createShopConnectionDeps(api);
    built.set(api, deps);
  }
  return deps;
}

export function createShopConnectionDeps(api: ApiDeps): ShopConnectionDeps {
  const { config, clients } = api;
  const ledgerTable = { client: clients.dynamodb, tableName: config.LEDGER_TABLE_NAME };
  const authorizer = createAuthorizerSource(config, clients);
  const channels = new Map<Channel, ReturnType<typeof createChannelAdapter>>();
  const wiring = (channel: Channel) => {
    const known = channels.get(channel) ?? createChannelAdapter(config, clients, channel);
    channels.set(channel, known);
    return known;
  };
  return {
    ledger: api.ledger,
    publisher: api.publisher,
    logger: api.logger,
    now: api.now,
    stateKey: createStateKeySource({
      mode: config.OCOP_MODE,
      secretName: config.SHOP_CONNECT_STATE_SECRET_NAME,
      ledger: ledgerTable,
      secretsManager: clients.secretsManager,
    }),
    consumeNonce: (claims, now) => consumeStateNonce(ledgerTable, claims, now),
    authorizer,
    vault: createShopTokenVault({
      mode: config.OCOP_MODE,
      ledger: ledgerTable,
      secretsManager: clients.secretsManager,
    }),
    otherLinkedProducers: (shop) => otherLinkedProducers(ledgerTable, shop),
    callbackUrl: (channel) => `${config.API_PUBLIC_URL}/v1/oauth/${channel}/callback`,
    tokenSecretName: (channel, shopId) =>
      shopTokenSecretName(config.SHOP_TOKEN_SECRET_NAME_PREFIX, channel, shopId),
    delist: (request) => {
      const { adapter, accountFor } = wiring(request.channel);
      return handleListingRequest(
        { ledger: api.ledger, adapter, accountFor, publisher: api.publisher, now: api.now },
        request,
      );
    },
  };
}
