import { SHOPEE_LIMITS as L, shopeeCategory } from './shopee-catalogue.js';
import type { ShopeeFailure } from './shopee-errors.js';

export interface ShopeeAttribute {
  readonly attribute_id: number;
  readonly attribute_value_list: ReadonlyArray<{
    value_id: number;
    original_value_name?: string | undefined;
  }>;
}

/** An item as it would be after the request, in Shopee's field names. */
export interface ShopeeCandidate {
  readonly item_name: string;
  readonly description: string;
  readonly original_price: number;
  readonly weight: number;
  readonly category_id: number;
  readonly image_id_list: readonly string[];
  readonly logistic_info: ReadonlyArray<{ enabled: boolean }>;
  readonly attribute_list: readonly ShopeeAttribute[];
  readonly brand?: { brand_id: number; original_brand_name?: string | undefined } | undefined;
}

type Rule = (item: ShopeeCandidate) => ShopeeFailure | undefined;

const fail = (error: string, message: string): ShopeeFailure => ({ error, message });
const length = (text: string): number => [...text.normalize('NFC')].length;

const category: Rule = (item) => {
  const found = shopeeCategory(item.category_id);
  if (!found)
    return fail('error_invalid_category', `Invalid category ID: category_id ${item.category_id} not found.`);
  if (!found.leaf)
    return fail(
      'error_invalid_category',
      `Invalid category ID: category_id ${item.category_id} is not a leaf category.`,
    );
  return undefined;
};

const name: Rule = ({ item_name }) => {
  if (length(item_name) < L.nameMin)
    return fail('error_item_name_is_too_short', `item_name must have at least ${L.nameMin} characters.`);
  if (length(item_name) > L.nameMax)
    return fail(
      'error_title_exceeds_max_length',
      `item_name exceeds the max length of ${L.nameMax} characters.`,
    );
  return undefined;
};

const description: Rule = (item) => {
  if (length(item.description) < L.descriptionMin) {
    return fail(
      'error_desc_length_min_limit',
      `description must have at least ${L.descriptionMin} characters.`,
    );
  }
  if (length(item.description) > L.descriptionMax) {
    return fail('error_param', `invalid field description: exceeds ${L.descriptionMax} characters.`);
  }
  return undefined;
};

const images: Rule = ({ image_id_list }) => {
  if (image_id_list.length < L.imagesMin)
    return fail('error_image_num_min', 'image.image_id_list: at least 1 image is required.');
  if (image_id_list.length > L.imagesMax)
    return fail('error_param', `invalid field image.image_id_list: at most ${L.imagesMax} images.`);
  return undefined;
};

export const checkShopeePrice = (price: number, field = 'original_price'): ShopeeFailure | undefined => {
  if (!Number.isInteger(price)) {
    return fail(
      'error_invalid_price',
      `Invalid price, please use the correct format: ${field} must be an integer in VND.`,
    );
  }
  if (price < L.priceMin)
    return fail('error_price_exceed_min_limitt', `${field} is below the min price ${L.priceMin}.`);
  if (price > L.priceMax)
    return fail('error_price_exceed_max_limitt', `${field} is above the max price ${L.priceMax}.`);
  return undefined;
};

const price: Rule = (item) => checkShopeePrice(item.original_price);

const weight: Rule = (item) =>
  item.weight > 0 ? undefined : fail('error_param', 'invalid field weight: must be greater than 0 (kg).');

const logistics: Rule = (item) =>
  item.logistic_info.some((channel) => channel.enabled)
    ? undefined
    : fail('error_param', 'invalid field logistic_info: at least one enabled logistics channel is required.');

const attributes: Rule = (item) => {
  const mandatory = shopeeCategory(item.category_id)?.mandatoryAttributes ?? [];
  const given = new Map(item.attribute_list.map((attribute) => [attribute.attribute_id, attribute]));
  const missing = mandatory.find(
    (attribute) => (given.get(attribute.attributeId)?.attribute_value_list.length ?? 0) === 0,
  );
  if (missing) {
    return fail(
      'error_less_required_attribute',
      `Mandatory attribute information required: attribute_list lacks attribute_id ${missing.attributeId} (${missing.name}).`,
    );
  }
  const custom = item.attribute_list.find((attribute) =>
    attribute.attribute_value_list.some((value) => value.value_id === 0 && !value.original_value_name),
  );
  return custom
    ? fail(
        'error_invalid_attribute',
        `attribute_list: attribute_id ${custom.attribute_id} has value_id 0 without original_value_name.`,
      )
    : undefined;
};

const brand: Rule = (item) => {
  if (item.brand === undefined) {
    return shopeeCategory(item.category_id)?.brandRequired
      ? fail('error_invalid_brand', 'Brand information required: brand.')
      : undefined;
  }
  return item.brand.brand_id === 0 && !item.brand.original_brand_name
    ? fail(
        'error_invalid_brand',
        'brand.original_brand_name is required when brand.brand_id is 0 ("No Brand").',
      )
    : undefined;
};

const RULES: readonly Rule[] = [
  category,
  name,
  description,
  images,
  price,
  weight,
  logistics,
  attributes,
  brand,
];

/** The first broken rule, in the order Shopee's add_item checks fields (as far as the docs show). */
export function validateShopeeItem(item: ShopeeCandidate): ShopeeFailure | undefined {
  for (const rule of RULES) {
    const failure = rule(item);
    if (failure) return failure;
  }
  return undefined;
}
