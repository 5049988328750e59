import { LAZADA_LIMITS as L } from './lazada-catalogue.js';
import type { LazadaFailure } from './lazada-errors.js';

/** Business checks shared by create, update and price/stock updates, with LAZ-API createproduct.json codes. */
export const failure = (code: string, name: string, field: string, why: string): LazadaFailure => ({
  code,
  message: `${name}: ${field} ${why}`,
  detail: [{ field, message: why }],
});

export function checkTitle(name: string, field = 'Attributes.name'): LazadaFailure | undefined {
  if (Buffer.byteLength(name.normalize('NFC'), 'utf8') > L.nameMaxBytes) {
    return failure(
      '4160',
      'max length of Multi title for locale can not exceed 255 bytes',
      field,
      'exceeds 255 UTF-8 bytes',
    );
  }
  if (L.forbiddenTitleChars.test(name)) {
    return failure('4129', 'BIZ_CHECK_PROP_SPECIAL_CHAR', field, 'contains a forbidden character ("^~<>|)');
  }
  return undefined;
}

export function checkImages(images: readonly string[], field: string): LazadaFailure | undefined {
  if (images.length > L.imagesMax)
    return failure('4169', 'Max 8 pictures', field, `has ${images.length} images (max 8)`);
  const external = images.find((url) => !L.lazadaImageHost.test(url));
  if (external !== undefined) {
    return failure('4138', 'BIZ_CHECK_EXIST_OUTER_IMAGE', field, `is not a Lazada-hosted image: ${external}`);
  }
  return undefined;
}

/** VND has no minor unit: integers only (our assumption for 4104, research §2.6). */
export function checkPrice(raw: string, field: string): LazadaFailure | undefined {
  const price = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(price))
    return failure('5', 'E005: Invalid Request Format', field, 'is not a number');
  if (price <= 0) return failure('4118', 'BIZ_CHECK_PRICE_IS_ZERO', field, 'must be greater than 0');
  if (!Number.isInteger(price))
    return failure('4104', 'BIZ_CHECK_PRICE_PRECISION_INVALID', field, 'must be an integer in VND');
  return undefined;
}

export function checkSpecialPrice(
  special: string | undefined,
  price: number,
  field: string,
): LazadaFailure | undefined {
  if (special === undefined || special === '') return undefined;
  const invalid = checkPrice(special, field);
  if (invalid) return invalid;
  return Number(special) < price
    ? undefined
    : failure('4157', 'special price must be lower than price', field, 'must be lower than price');
}

export function checkQuantity(raw: string, field: string, allowNegative = false): LazadaFailure | undefined {
  const quantity = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(quantity) || (!allowNegative && quantity < 0)) {
    return failure(
      '4152',
      'THD_INVENTORY_ERR_INV_PARAM_ILLEGAL',
      field,
      allowNegative ? 'must be an integer' : 'must be an integer ≥ 0',
    );
  }
  return undefined;
}

export interface PackageInput {
  readonly package_weight?: string | undefined;
  readonly package_height?: string | undefined;
  readonly package_length?: string | undefined;
  readonly package_width?: string | undefined;
}

export function checkPackage(sku: PackageInput, field: string): LazadaFailure | undefined {
  const values = [sku.package_weight, sku.package_height, sku.package_length, sku.package_width].map(Number);
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
    return failure(
      '4149',
      'BIZ_CHECK_PACKAGE_DECIMAL_INVALID',
      `${field}.package_*`,
      'must be numbers greater than 0',
    );
  }
  const [weight = 0, height = 0, length = 0, width = 0] = values;
  if (weight > L.packageWeightMaxKg)
    return failure('4164', 'package weight exceeds 40 kg', `${field}.package_weight`, 'exceeds 40 kg');
  if (height + length + width > L.packageSumMaxCm) {
    return failure(
      '4165',
      'package length + width + height exceeds 300 cm',
      `${field}.package_*`,
      'sum exceeds 300 cm',
    );
  }
  return undefined;
}
