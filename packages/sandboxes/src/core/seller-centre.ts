import type { SandboxItem } from '../types.js';
import type { Catalogue, StoredItem } from './catalogue.js';
import type { SellerCentreEdit } from './schemas.js';

/**
 * What happens on the marketplace without the adapter: a seller's hand edit, a campaign holding stock, a
 * moderator's ban. Each changes the stored item the way the marketplace's own tools would.
 */
export class SellerCentre {
  constructor(private readonly catalogue: Catalogue) {}

  edit(shopId: string, itemId: string, changes: SellerCentreEdit): SandboxItem {
    const item = this.catalogue.findItem(shopId, { itemId });
    const sku = item.skus.find((candidate) => !candidate.deleted);
    if (changes.title !== undefined) {
      item.title = changes.title.normalize('NFC');
      // Lazada serves the title from the `name` attribute (LAZ-API getproductitem.json).
      if (item.attributes.name !== undefined) item.attributes.name = item.title;
    }
    if (sku !== undefined && changes.priceVnd !== undefined) sku.price = changes.priceVnd;
    if (sku !== undefined && changes.stock !== undefined) {
      // The seller centre shows one stock figure: it lands on the SKU's first location.
      const location = [...sku.stock.keys()][0] ?? '';
      sku.stock.clear();
      sku.stock.set(location, changes.stock);
    }
    this.catalogue.touch(item);
    return this.#view(shopId, item);
  }

  lockCampaignStock(shopId: string, itemId: string, locked: boolean): void {
    this.catalogue.findItem(shopId, { itemId }).campaignLocked = locked;
  }

  ban(shopId: string, itemId: string, reason: string): SandboxItem {
    const item = this.catalogue.findItem(shopId, { itemId });
    item.status = 'banned';
    item.statusReason = reason;
    this.catalogue.touch(item);
    return this.#view(shopId, item);
  }

  #view(shopId: string, item: StoredItem): SandboxItem {
    const found = this.catalogue.view(shopId).find((view) => view.externalItemId === item.itemId);
    if (found === undefined) throw new Error(`item ${item.itemId} vanished from shop ${shopId}`);
    return found;
  }
}

/** Whether a campaign lock refuses setting the item's stock from `current` to `next` (raising stays allowed). */
export function campaignRefusesStock(item: StoredItem, current: number, next: number): boolean {
  return item.campaignLocked === true && next < current;
}

/**
 * Remembers the stock, prices, version and update time of a shop's items, so an `ignoreWriteRate` write can
 * run the real route (same validation, same answer) and then be undone.
 */
export function rememberStockAndPrices(catalogue: Catalogue, shopId: string): () => boolean {
  const saved = catalogue.itemsOf(shopId).map((item) => ({
    item,
    version: item.version,
    updatedAt: item.updatedAt,
    skus: item.skus.map((sku) => ({
      sku,
      price: sku.price,
      specialPrice: sku.specialPrice,
      stock: new Map(sku.stock),
    })),
  }));
  /** Undoes the write; true when it had changed something (a refused write changes nothing). */
  return () => {
    const changed = saved.some((entry) => entry.item.version !== entry.version);
    for (const entry of saved) {
      entry.item.version = entry.version;
      entry.item.updatedAt = entry.updatedAt;
      for (const { sku, price, specialPrice, stock } of entry.skus) {
        sku.price = price;
        if (specialPrice === undefined) delete sku.specialPrice;
        else sku.specialPrice = specialPrice;
        sku.stock.clear();
        for (const [location, quantity] of stock) sku.stock.set(location, quantity);
      }
    }
    return changed;
  };
}
