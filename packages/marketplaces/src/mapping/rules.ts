import type { Channel, LengthUnit } from '@ocop-sync/domain';

/** What one marketplace accepts for a listing; every figure carries its source in the README. */
export interface ListingRules {
  title: { min: number; max: number; unit: LengthUnit; forbidden?: RegExp };
  description: { min: number; max: number };
  priceVnd: { min: number; max: number };
  images: { min: number; max: number };
  stock: { max: number };
  maxWeightGrams: number;
  /** Package dimensions are mandatory, and L + W + H may not exceed this many cm. */
  packageSize: { required: boolean; maxSumCm: number };
  sellerSku: RegExp;
}

/**
 * Shopee: per-category limits come from `v2.product.get_item_limit`; these are the documented sample
 * values (item name 5–100, description 10–2000, images 1–9). Vietnam prices are whole đồng
 * (v2.product.update_price); the price range is our assumption pending get_item_limit.
 */
const shopee: ListingRules = {
  title: { min: 5, max: 100, unit: 'characters' },
  description: { min: 10, max: 2000 },
  priceVnd: { min: 1_000, max: 120_000_000 },
  images: { min: 1, max: 9 },
  stock: { max: 10_000_000 },
  maxWeightGrams: 50_000,
  packageSize: { required: false, maxSumCm: Number.POSITIVE_INFINITY },
  sellerSku: /^.{1,100}$/u,
};

/**
 * Lazada: name ≤ 255 UTF-8 bytes (error 4160 counts bytes; the guide says "255 characters"), no
 * `"^~<>|` (4129); description ≤ 25,000 characters; 1–8 images (4139, 4169); price > 0 (4118);
 * package weight ≤ 40 kg (4164), L+W+H ≤ 300 cm (4165); package dimensions mandatory.
 */
const lazada: ListingRules = {
  title: { min: 1, max: 255, unit: 'utf8-bytes', forbidden: /["^~<>|]/gu },
  description: { min: 1, max: 25_000 },
  priceVnd: { min: 1_000, max: 1_000_000_000 },
  images: { min: 1, max: 8 },
  stock: { max: 1_000_000 },
  maxWeightGrams: 40_000,
  packageSize: { required: true, maxSumCm: 300 },
  sellerSku: /^.{1,200}$/u,
};

/** Postmart: ocop-sync's proposed contract (research §3.2), the sandbox being its reference. */
const postmart: ListingRules = {
  title: { min: 10, max: 120, unit: 'characters', forbidden: /[<>\p{Cc}]/gu },
  description: { min: 1, max: 5_000 },
  priceVnd: { min: 1_000, max: 100_000_000 },
  images: { min: 1, max: 9 },
  stock: { max: 99_999 },
  maxWeightGrams: 50_000,
  packageSize: { required: true, maxSumCm: Number.POSITIVE_INFINITY },
  sellerSku: /^[A-Za-z0-9._-]{1,50}$/,
};

export const listingRules: Readonly<Record<Channel, ListingRules>> = { shopee, lazada, postmart };
