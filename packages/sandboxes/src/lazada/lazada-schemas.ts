import { z } from 'zod';
import { oneOrMany, scalar } from './lazada-payload.js';

/** Lower-cased keys: see decodePayload. Quantities and prices stay strings until the business checks. */
const skuFields = {
  skuid: scalar.optional(),
  itemid: scalar.optional(),
  sellersku: scalar.optional(),
  quantity: scalar.optional(),
  price: scalar.optional(),
  special_price: scalar.optional(),
  saleprice: scalar.optional(),
  status: scalar.optional(),
  package_height: scalar.optional(),
  package_length: scalar.optional(),
  package_width: scalar.optional(),
  package_weight: scalar.optional(),
  images: z.object({ image: oneOrMany(scalar) }).optional(),
};

export const createSkuSchema = z.object({
  ...skuFields,
  sellersku: scalar,
  price: scalar,
  package_height: scalar,
  package_length: scalar,
  package_width: scalar,
  package_weight: scalar,
});
export type CreateSku = z.infer<typeof createSkuSchema>;

const images = z.object({ image: oneOrMany(scalar) });
const attributes = z.record(z.string(), scalar);

export const createProductSchema = z.object({
  request: z.object({
    product: z.object({
      primarycategory: scalar,
      images: images.optional(),
      attributes,
      skus: z.object({ sku: oneOrMany(createSkuSchema) }),
    }),
  }),
});
export type CreateProductPayload = z.infer<typeof createProductSchema>['request']['product'];

export const updateSkuSchema = z.object({ ...skuFields, skuid: scalar });
export type UpdateSku = z.infer<typeof updateSkuSchema>;

export const updateProductSchema = z.object({
  request: z.object({
    product: z.object({
      itemid: scalar,
      primarycategory: scalar.optional(),
      images: images.optional(),
      attributes: attributes.optional(),
      skus: z.object({ sku: oneOrMany(updateSkuSchema) }).optional(),
    }),
  }),
});
export type UpdateProductPayload = z.infer<typeof updateProductSchema>['request']['product'];

/** price_quantity/update and stock/sellable/update|adjust: SKUs may span items (LAZ-API updatepricequantity). */
export const skuBatchSchema = z.object({
  request: z.object({
    product: z.object({
      skus: z.object({
        sku: oneOrMany(z.object({ ...skuFields, sellablequantity: scalar.optional() })),
      }),
    }),
  }),
});
export type BatchSku = z.infer<typeof skuBatchSchema>['request']['product']['skus']['sku'][number];

export const deactivateSchema = z.object({
  request: z.object({
    product: z.object({
      itemid: scalar,
      skus: z.object({ skuid: oneOrMany(scalar) }).optional(),
    }),
  }),
});
