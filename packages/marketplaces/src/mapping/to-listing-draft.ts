import type { Certificate, Channel, ProductDetails } from '@ocop-sync/domain';
import { measure, normalizeText, truncateText, unshippableGroups } from '@ocop-sync/domain';
import type { DraftResult, ListingDraft } from '../types.js';
import { type CategoryTable, sandboxCategories } from './categories.js';
import { composeDescription } from './description.js';
import { type Refusal, refusals } from './refusal.js';
import { type ListingRules, listingRules } from './rules.js';

export interface ListingInput {
  product: ProductDetails;
  certificate: Certificate;
  /** Sellable quantity to list with. */
  stock: number;
  /** Today (YYYY-MM-DD); when given, an expired certificate is refused. */
  asOf?: string;
}

export interface MappingOptions {
  /** Production category ids; defaults to the sandbox table. */
  categories?: CategoryTable;
  /** Overrides a marketplace's limits (e.g. from Shopee's get_item_limit for the category). */
  rules?: ListingRules;
}

/**
 * Maps a certified product to what one marketplace accepts, or says which field it would refuse and
 * why. Pure: no I/O, no clock.
 *
 * @example
 * const result = toListingDraft('shopee', { product, certificate, stock: 25 });
 * if (!result.ok) notifyProducer(result.field, result.reason.vi);
 */
export function toListingDraft(
  channel: Channel,
  input: ListingInput,
  options: MappingOptions = {},
): DraftResult {
  const rules = options.rules ?? listingRules[channel];
  const { product, certificate } = input;
  if (unshippableGroups.has(product.group)) return refusals.unshippable(channel);
  const categoryId = (options.categories ?? sandboxCategories[channel])[product.group];
  if (categoryId === undefined) return refusals.noCategory(channel, product.group);
  if (input.asOf !== undefined && certificate.expiresOn <= input.asOf)
    return refusals.expired(certificate.expiresOn);
  const title = listingTitle(product.name, rules);
  if (measure(title, 'characters') < rules.title.min) return refusals.titleTooShort(channel, rules.title.min);
  const description = composeDescription(product, certificate, rules.description.max);
  if (description === undefined) return refusals.descriptionTooLong(channel, rules.description.max);
  const refusal = checkParcel(channel, input, rules);
  if (refusal !== undefined) return refusal;
  return { ok: true, draft: draftOf(channel, input, { title, description, categoryId }, rules) };
}

/** NFC name without the characters the marketplace forbids, cut at a grapheme boundary to its limit. */
export function listingTitle(name: string, rules: ListingRules): string {
  const forbidden = rules.title.forbidden;
  const cleaned = forbidden === undefined ? normalizeText(name) : normalizeText(name).replace(forbidden, ' ');
  return truncateText(cleaned, rules.title.max, rules.title.unit);
}

function checkParcel(channel: Channel, input: ListingInput, rules: ListingRules): Refusal | undefined {
  const { product } = input;
  const price = product.priceVnd;
  if (!Number.isInteger(price) || price < rules.priceVnd.min || price > rules.priceVnd.max) {
    return refusals.price(channel, rules.priceVnd.min, rules.priceVnd.max);
  }
  if (product.weightGrams === undefined) return refusals.weightMissing();
  if (product.weightGrams > rules.maxWeightGrams)
    return refusals.weightTooHeavy(channel, rules.maxWeightGrams);
  const size = product.packageSize;
  if (size === undefined && rules.packageSize.required) return refusals.packageMissing(channel);
  if (size !== undefined && size.lengthCm + size.widthCm + size.heightCm > rules.packageSize.maxSumCm) {
    return refusals.packageTooLarge(channel, rules.packageSize.maxSumCm);
  }
  if (product.images.length < rules.images.min) return refusals.imagesMissing(channel, rules.images.min);
  if (!rules.sellerSku.test(product.sku ?? product.productId)) return refusals.sku(channel);
  if (!Number.isInteger(input.stock) || input.stock < 0 || input.stock > rules.stock.max) {
    return refusals.stock(channel, rules.stock.max);
  }
  return undefined;
}

function draftOf(
  channel: Channel,
  input: ListingInput,
  text: { title: string; description: string; categoryId: string },
  rules: ListingRules,
): ListingDraft {
  const { product, certificate } = input;
  const size = product.packageSize;
  return {
    channel,
    sellerSku: product.sku ?? product.productId,
    ...text,
    priceVnd: product.priceVnd,
    stock: input.stock,
    weightGrams: product.weightGrams ?? 0,
    ...(size === undefined
      ? {}
      : { packageCm: { length: size.lengthCm, width: size.widthCm, height: size.heightCm } }),
    images: product.images.slice(0, rules.images.max),
    province: product.area.province,
    ocop: {
      stars: certificate.stars,
      decisionNumber: certificate.decisionNumber,
      issuedOn: certificate.issuedOn,
      expiresOn: certificate.expiresOn,
      ...(certificate.issuer === undefined ? {} : { issuer: certificate.issuer }),
      ...(product.traceabilityUrl === undefined ? {} : { traceabilityUrl: product.traceabilityUrl }),
    },
  };
}
