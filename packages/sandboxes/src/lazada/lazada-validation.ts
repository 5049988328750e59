import { LAZADA_BASIC_ATTRIBUTES, lazadaCategory } from './lazada-catalogue.js';
import type { LazadaFailure } from './lazada-errors.js';
import {
  checkImages,
  checkPackage,
  checkPrice,
  checkQuantity,
  checkSpecialPrice,
  checkTitle,
  failure,
} from './lazada-rules.js';
import type { CreateProductPayload, CreateSku } from './lazada-schemas.js';

export function checkCategory(
  categoryId: string,
  attributes: Readonly<Record<string, string>>,
): LazadaFailure | undefined {
  const category = lazadaCategory(categoryId);
  if (!category)
    return failure('201', `E201: ${categoryId} Invalid CategoryId`, 'PrimaryCategory', 'is not a category');
  if (!category.leaf)
    return failure('4134', 'Please select the last level category.', 'PrimaryCategory', 'is not a leaf');
  const basic = LAZADA_BASIC_ATTRIBUTES.find((name) => !attributes[name]);
  if (basic) return failure('4108', 'CHK_BASIC_REQUIRED', `Attributes.${basic}`, 'is mandatory');
  const missing = category.mandatoryAttributes.find((name) => !attributes[name]);
  if (missing)
    return failure('4110', 'BIZ_CHECK_CAT_PROP_MANDATORY', `Attributes.${missing}`, 'is mandatory');
  return undefined;
}

function checkSku(sku: CreateSku, field: string): LazadaFailure | undefined {
  return (
    checkPrice(sku.price, `${field}.price`) ??
    checkSpecialPrice(sku.special_price, Number(sku.price), `${field}.special_price`) ??
    checkQuantity(sku.quantity ?? '0', `${field}.quantity`) ??
    checkPackage(sku, field) ??
    checkImages(sku.images?.image ?? [], `${field}.Images`)
  );
}

function checkSellerSkus(
  skus: readonly CreateSku[],
  taken: (sellerSku: string) => boolean,
): LazadaFailure | undefined {
  const seen = new Set<string>();
  for (const [index, sku] of skus.entries()) {
    if (seen.has(sku.sellersku) || taken(sku.sellersku)) {
      return failure(
        '4105',
        'BIZ_CHECK_SELLER_SKU_DUPLICATE',
        `Skus.Sku[${index}].SellerSku`,
        `"${sku.sellersku}" already exists`,
      );
    }
    seen.add(sku.sellersku);
  }
  return undefined;
}

/** CreateProduct checks in a fixed order; the first failure wins (LAZ-API product-api/createproduct.json). */
export function validateLazadaCreate(
  product: CreateProductPayload,
  sellerSkuTaken: (sellerSku: string) => boolean,
): LazadaFailure | undefined {
  const images = product.images?.image ?? [];
  const skuImages = product.skus.sku.flatMap((sku) => sku.images?.image ?? []);
  const categoryFailure = checkCategory(product.primarycategory, product.attributes);
  if (categoryFailure) return categoryFailure;
  const titleFailure = checkTitle(product.attributes.name ?? '');
  if (titleFailure) return titleFailure;
  if (images.length === 0 && skuImages.length === 0) {
    return failure('4139', 'BIZ_CHECK_MAIN_IMAGE_REQUIRE', 'Images.Image', 'at least one image is required');
  }
  const imageFailure = checkImages(images, 'Images.Image');
  if (imageFailure) return imageFailure;
  for (const [index, sku] of product.skus.sku.entries()) {
    const skuFailure = checkSku(sku, `Skus.Sku[${index}]`);
    if (skuFailure) return skuFailure;
  }
  return checkSellerSkus(product.skus.sku, sellerSkuTaken);
}
