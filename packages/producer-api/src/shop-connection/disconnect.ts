import { randomUUID } from 'node:crypto';
import type { Channel } from '@ocop-sync/domain';
import type { ChannelAccount, Listing, Product } from '@ocop-sync/ledger';
import type { ShopConnectionDeps } from './deps.js';
import { shopNotConnected, unknownProducer } from './problems.js';
import { channelsLinkedEntry, producerProfile } from './producer-channels.js';

/** What the producer chose for the listings on the shop being disconnected. */
export type ListingsChoice = 'delist' | 'keep';

export interface ShopDisconnected {
  channel: Channel;
  shopId: string;
  /** Whether the marketplace ended the grant; when it cannot, `revokeNote` says what the seller must do. */
  revoked: boolean;
  revokeNote?: string;
  listings: ListingsChoice;
  /** Listings taken down now (`delist`), and those the marketplace refused (a ListingFailed was published). */
  delisted: number;
  delistFailed: number;
}

/**
 * Disconnects one shop: delists the producer's live and paused listings on it first if asked (while the
 * tokens still work, through listing-sync itself, so the same ListingSynced/ListingFailed events go out),
 * then ends the grant where the marketplace allows, deletes the stored tokens, and publishes
 * ProducerChannelsLinked with the shop `unlinked`. Listings kept stay on the marketplace, unmanaged.
 */
export async function disconnectShop(
  deps: ShopConnectionDeps,
  input: { producerId: string; channel: Channel; listings: ListingsChoice },
): Promise<ShopDisconnected> {
  const { producerId, channel } = input;
  const profile = await producerProfile(deps.ledger, producerId);
  if (profile === undefined) throw unknownProducer(producerId);
  const accounts = await deps.ledger.listChannelAccounts(producerId);
  const account = accounts.find(
    (candidate) => candidate.channel === channel && candidate.status === 'linked',
  );
  if (account === undefined) throw shopNotConnected(channel);

  const delisting =
    input.listings === 'delist' ? await delistAll(deps, producerId, channel) : { done: 0, failed: 0 };
  const revocation = await revoke(deps, account);
  const shop = { channel, shopId: account.shopId, tokenSecretName: account.credentialsSecretName };
  await deps.vault.remove(shop);
  await deps.publisher.publish([
    channelsLinkedEntry({
      profile,
      accounts,
      change: {
        channel,
        shopId: account.shopId,
        status: 'unlinked',
        credentialsSecretName: account.credentialsSecretName,
      },
      eventId: `shop-unlink.${randomUUID()}`,
      now: deps.now(),
    }),
  ]);
  deps.logger.info('shop disconnected', {
    producerId,
    channel,
    shopId: account.shopId,
    revoked: revocation.revoked,
    listings: input.listings,
    delisted: delisting.done,
    delistFailed: delisting.failed,
  });
  return {
    channel,
    shopId: account.shopId,
    revoked: revocation.revoked,
    ...(revocation.reason === undefined ? {} : { revokeNote: revocation.reason }),
    listings: input.listings,
    delisted: delisting.done,
    delistFailed: delisting.failed,
  };
}

/** One listing at a time: a producer has tens of products, and the shop's rate limit is shared with sync. */
async function delistAll(
  deps: ShopConnectionDeps,
  producerId: string,
  channel: Channel,
): Promise<{ done: number; failed: number }> {
  const [products, listings] = await Promise.all([
    deps.ledger.listByProducer(producerId),
    deps.ledger.listListingsByProducer(producerId),
  ]);
  const versions = new Map(products.map((product: Product) => [product.productId, product.version]));
  let done = 0;
  let failed = 0;
  for (const listing of listings.filter((candidate) => onMarketplace(candidate, channel))) {
    const productVersion = versions.get(listing.productId);
    if (productVersion === undefined) continue;
    const outcome = await deps.delist({
      productId: listing.productId,
      producerId,
      channel,
      productVersion,
      requestId: `${listing.productId}.${channel}.v${productVersion}.delist`,
      action: 'delist',
      reason: 'channel-unlinked',
      requestedAt: deps.now().toISOString(),
    });
    if (outcome === 'synced') done += 1;
    if (outcome === 'failed') failed += 1;
  }
  return { done, failed };
}

const onMarketplace = (listing: Listing, channel: Channel) =>
  listing.channel === channel && (listing.synced?.status === 'live' || listing.synced?.status === 'paused');

async function revoke(
  deps: ShopConnectionDeps,
  account: ChannelAccount,
): Promise<{ revoked: boolean; reason?: string }> {
  const authorizer = await deps.authorizer(account.channel);
  const tokens = deps.vault.tokens;
  try {
    return await authorizer.revoke({
      channel: account.channel,
      shopId: account.shopId,
      tokenSecretName: account.credentialsSecretName,
      tokens,
    });
  } catch (error) {
    // The producer asked to disconnect: a marketplace outage must not keep the shop linked here.
    deps.logger.warn('shop grant not revoked', {
      channel: account.channel,
      shopId: account.shopId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return {
      revoked: false,
      reason: 'The marketplace did not answer; end the authorisation in its seller centre.',
    };
  }
}
