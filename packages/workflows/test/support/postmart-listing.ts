import type { Ledger } from '@ocop-sync/ledger';
import { type MarketplaceAdapter, type ShopAccount, toListingDraft } from '@ocop-sync/marketplaces';

/**
 * Creates a product's Postmart listing the way listing-sync does (draft from the ledger, upsert on the
 * sandbox) and records it live at the current stock version. Returns the marketplace's item id.
 */
export async function listOnPostmart(
  deps: { ledger: Ledger; adapter: MarketplaceAdapter },
  listing: { productId: string; producerId: string; account: ShopAccount; syncedAt: string },
): Promise<string> {
  const { ledger, adapter } = deps;
  const [stored, available] = await Promise.all([
    ledger.getProduct(listing.productId),
    ledger.availableToSell(listing.productId, 'postmart'),
  ]);
  if (stored === undefined || available === undefined) throw new Error('fixture product missing');
  const draft = toListingDraft('postmart', {
    product: stored.details,
    certificate: stored.certificate,
    stock: available.available,
  });
  if (!draft.ok) throw new Error(`fixture refused: ${draft.field}`);
  const ref = await adapter.upsertListing(listing.account, draft.draft);
  await ledger.recordListingSynced(
    {
      productId: listing.productId,
      producerId: listing.producerId,
      channel: 'postmart',
      productVersion: stored.version,
      externalItemId: ref.externalItemId,
      status: 'live',
      syncedAt: listing.syncedAt,
    },
    { stockVersion: available.stockVersion },
  );
  return ref.externalItemId;
}
