import { UnknownItemError, UnknownShopError } from '../errors.js';
import type { ItemStatus, SandboxItem } from '../types.js';

export interface StoredSku {
  readonly skuId: string;
  readonly sellerSku: string;
  price: number;
  specialPrice?: number;
  /** Location code → quantity; '' is the default (single) location. */
  readonly stock: Map<string, number>;
  active: boolean;
  deleted: boolean;
}

export interface StoredItem {
  readonly itemId: string;
  readonly shopId: string;
  title: string;
  description: string;
  categoryId: string;
  attributes: Record<string, string>;
  images: string[];
  weightGrams: number;
  status: ItemStatus;
  statusReason?: string;
  readonly skus: StoredSku[];
  version: number;
  readonly createdAt: number;
  updatedAt: number;
  /** Marketplace-specific fields echoed back by GET endpoints (logistics, OCOP block, dimensions…). */
  extra: Record<string, unknown>;
  /** A promotion holds the item's stock: writes that lower it are refused (see seller-centre.ts). */
  campaignLocked?: boolean;
}

export interface ShopRecord {
  readonly shopId: string;
  readonly name: string;
  authorised: boolean;
}

export function totalStock(sku: StoredSku): number {
  let total = 0;
  for (const quantity of sku.stock.values()) total += quantity;
  return total;
}

/** Shops and their items: the one state store behind every sandbox. */
export class Catalogue {
  readonly #shops = new Map<string, ShopRecord>();
  readonly #items = new Map<string, StoredItem>();

  constructor(private readonly now: () => number) {}

  addShop(shop: ShopRecord): void {
    this.#shops.set(shop.shopId, shop);
  }

  shop(shopId: string): ShopRecord | undefined {
    return this.#shops.get(shopId);
  }

  requireShop(shopId: string): ShopRecord {
    const shop = this.#shops.get(shopId);
    if (!shop) throw new UnknownShopError(shopId);
    return shop;
  }

  addItem(item: StoredItem): void {
    this.#items.set(item.itemId, item);
  }

  item(itemId: string): StoredItem | undefined {
    return this.#items.get(itemId);
  }

  itemsOf(shopId: string): StoredItem[] {
    return [...this.#items.values()].filter((item) => item.shopId === shopId);
  }

  /** The item of `shopId` with that id, or holding a live SKU with that seller SKU. */
  findItem(shopId: string, reference: { itemId?: string; sellerSku?: string }): StoredItem {
    const found = this.itemsOf(shopId).find(
      (item) =>
        item.itemId === reference.itemId ||
        (reference.sellerSku !== undefined && item.skus.some((sku) => sku.sellerSku === reference.sellerSku)),
    );
    if (!found) throw new UnknownItemError(shopId, reference.itemId ?? reference.sellerSku ?? '');
    return found;
  }

  /** A seller SKU already used by a non-deleted item of the shop. */
  sellerSkuTaken(shopId: string, sellerSku: string): boolean {
    return this.itemsOf(shopId).some(
      (item) =>
        item.status !== 'deleted' && item.skus.some((sku) => !sku.deleted && sku.sellerSku === sellerSku),
    );
  }

  /** Records a change: bumps the version and the update time. */
  touch(item: StoredItem): void {
    item.version += 1;
    item.updatedAt = this.now();
  }

  view(shopId: string): SandboxItem[] {
    this.requireShop(shopId);
    return this.itemsOf(shopId).map(toSandboxItem);
  }

  clear(): void {
    this.#shops.clear();
    this.#items.clear();
  }
}

function toSandboxItem(item: StoredItem): SandboxItem {
  const skus = item.skus.filter((sku) => !sku.deleted);
  const first = skus[0] ?? item.skus[0];
  return {
    externalItemId: item.itemId,
    sellerSku: first?.sellerSku ?? '',
    title: item.title,
    description: item.description,
    price: first?.price ?? 0,
    stock: skus.reduce((sum, sku) => sum + totalStock(sku), 0),
    status: item.status,
    categoryId: item.categoryId,
    images: [...item.images],
    weightGrams: item.weightGrams,
    attributes: { ...item.attributes },
    skus: skus.map((sku) => ({
      skuId: sku.skuId,
      sellerSku: sku.sellerSku,
      price: sku.price,
      stock: totalStock(sku),
      stockByLocation: Object.fromEntries(sku.stock),
      active: sku.active,
    })),
    version: item.version,
    updatedAt: item.updatedAt,
  };
}
