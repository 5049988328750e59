import { POSTMART_LIMITS as L, postmartCategory } from './postmart-catalogue.js';
import { fieldFailure, PM, type PostmartFailure } from './postmart-errors.js';
import type { CreateProductBody, PostmartSkuInput } from './postmart-schemas.js';

/** The editable listing fields, as they would be after the request. */
export interface PostmartListing {
  readonly title: string;
  readonly category_id: string;
  readonly attributes: Readonly<Record<string, string | number>>;
  readonly images: readonly string[];
  readonly ocop: CreateProductBody['ocop'];
}

const unprocessable = (code: string, field: string, rule: string, message?: string) =>
  fieldFailure(422, code, field, rule, message);

export function checkCategory(listing: PostmartListing): PostmartFailure | undefined {
  const category = postmartCategory(listing.category_id);
  if (!category) return PM.invalidParam('category_id', 'exists', `Unknown category ${listing.category_id}.`);
  if (!category.leaf) return unprocessable('CATEGORY_NOT_LEAF', 'category_id', 'leaf');
  for (const attribute of category.attributes) {
    const value = listing.attributes[attribute.key];
    const field = `attributes.${attribute.key}`;
    if (value === undefined || value === '') {
      if (attribute.required) return unprocessable('ATTRIBUTE_REQUIRED', field, 'required');
    } else if (attribute.options && !attribute.options.includes(String(value))) {
      return PM.invalidParam(field, 'enum', `${field} must be one of ${attribute.options.join(', ')}.`);
    } else if (attribute.type === 'number' && !Number.isFinite(Number(value))) {
      return PM.invalidParam(field, 'number');
    }
  }
  return undefined;
}

export function checkTitle(title: string): PostmartFailure | undefined {
  const length = [...title.normalize('NFC')].length;
  if (length < L.titleMin || length > L.titleMax) {
    return unprocessable(
      'TITLE_LENGTH',
      'title',
      'length',
      `title must have ${L.titleMin}–${L.titleMax} characters.`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  if (/[\u0000-\u001f\u007f<>]/.test(title))
    return PM.invalidParam('title', 'characters', 'title has control characters or <>.');
  return undefined;
}

export function checkImages(images: readonly string[]): PostmartFailure | undefined {
  if (images.length < L.imagesMin || images.length > L.imagesMax) {
    return unprocessable('IMAGE_INVALID', 'images', 'count', `1–${L.imagesMax} images are required.`);
  }
  const index = images.findIndex((url) => !/^https:\/\/[^/\s]+\/\S+\.(jpe?g|png|webp)(\?\S*)?$/i.test(url));
  return index === -1 ? undefined : unprocessable('IMAGE_INVALID', `images[${index}]`, 'https_jpeg_png_webp');
}

export function checkOcop(ocop: { readonly expires_at: string }, now: number): PostmartFailure | undefined {
  return Date.parse(ocop.expires_at) > now
    ? undefined
    : unprocessable('OCOP_CERT_EXPIRED', 'ocop.expires_at', 'future');
}

export function checkPrice(price: number, field: string): PostmartFailure | undefined {
  if (!Number.isInteger(price)) return unprocessable('PRICE_NOT_INTEGER', field, 'integer');
  if (price < L.priceMin || price > L.priceMax)
    return unprocessable('PRICE_OUT_OF_RANGE', field, `${L.priceMin}..${L.priceMax}`);
  return undefined;
}

export function checkListing(listing: PostmartListing, now: number): PostmartFailure | undefined {
  return (
    checkTitle(listing.title) ??
    checkCategory(listing) ??
    checkImages(listing.images) ??
    checkOcop(listing.ocop, now)
  );
}

export function checkSkus(
  skus: readonly PostmartSkuInput[],
  taken: (sellerSku: string) => boolean,
): PostmartFailure | undefined {
  const seen = new Set<string>();
  for (const [index, sku] of skus.entries()) {
    const priceFailure = checkPrice(sku.price_vnd, `skus[${index}].price_vnd`);
    if (priceFailure) return priceFailure;
    if (seen.has(sku.seller_sku) || taken(sku.seller_sku)) {
      return fieldFailure(409, 'SKU_DUPLICATE', `skus[${index}].seller_sku`, 'unique');
    }
    seen.add(sku.seller_sku);
  }
  return undefined;
}
