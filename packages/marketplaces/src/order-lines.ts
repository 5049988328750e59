import type { MarketplaceOrderLine } from './types.js';

/** Sums lines that name the same seller SKU (Lazada lists one entry per unit; Shopee one per model). */
export function sumBySellerSku(lines: readonly MarketplaceOrderLine[]): MarketplaceOrderLine[] {
  const bySku = new Map<string, number>();
  for (const line of lines) bySku.set(line.sellerSku, (bySku.get(line.sellerSku) ?? 0) + line.quantity);
  return [...bySku].map(([sellerSku, quantity]) => ({ sellerSku, quantity }));
}
