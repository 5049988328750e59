import { z } from 'zod';
import { SHOPEE_LIMITS } from './shopee-catalogue.js';

const itemId = z.number().int().positive();

const attribute = z.object({
  attribute_id: z.number().int(),
  attribute_value_list: z.array(
    z.object({
      value_id: z.number().int(),
      original_value_name: z.string().optional(),
      value_unit: z.string().optional(),
    }),
  ),
});

const logistic = z.object({
  logistic_id: z.number().int(),
  enabled: z.boolean(),
  is_free: z.boolean().optional(),
  shipping_fee: z.number().optional(),
  size_id: z.number().int().optional(),
});

const sellerStock = z.object({
  location_id: z.string().optional(),
  stock: z.number().int().min(0).max(SHOPEE_LIMITS.stockMax),
});

/** Fields shared by add_item and update_item (SHP-DOC v2.product.add_item / update_item). */
const itemFields = {
  item_name: z.string(),
  description: z.string(),
  original_price: z.number(),
  weight: z.number(),
  category_id: z.number().int(),
  image: z.object({ image_id_list: z.array(z.string().min(1)) }),
  logistic_info: z.array(logistic),
  attribute_list: z.array(attribute),
  brand: z.object({ brand_id: z.number().int(), original_brand_name: z.string().optional() }),
  dimension: z.object({
    package_height: z.number().positive(),
    package_length: z.number().positive(),
    package_width: z.number().positive(),
  }),
  item_status: z.enum(['NORMAL', 'UNLIST']),
  item_sku: z.string().max(100),
  condition: z.enum(['NEW', 'USED']),
  seller_stock: z.array(sellerStock).min(1),
};

export const addItemSchema = z.object({
  ...itemFields,
  // Required presence is checked by the business rules, so that missing images get Shopee's own code.
  image: itemFields.image.optional(),
  attribute_list: itemFields.attribute_list.optional(),
  brand: itemFields.brand.optional(),
  dimension: itemFields.dimension.optional(),
  item_status: itemFields.item_status.optional(),
  item_sku: itemFields.item_sku.optional(),
  condition: itemFields.condition.optional(),
  seller_stock: itemFields.seller_stock.optional(),
});
export type AddItemBody = z.infer<typeof addItemSchema>;

export const updateItemSchema = z
  .object({ item_id: itemId, ...itemFields })
  .partial()
  .required({ item_id: true });
export type UpdateItemBody = z.infer<typeof updateItemSchema>;

export const updatePriceSchema = z.object({
  item_id: itemId,
  price_list: z
    .array(z.object({ model_id: z.number().int().optional(), original_price: z.number() }))
    .min(1)
    .max(SHOPEE_LIMITS.batchMax),
});

export const updateStockSchema = z.object({
  item_id: itemId,
  stock_list: z
    .array(z.object({ model_id: z.number().int().optional(), seller_stock: z.array(sellerStock).min(1) }))
    .min(1)
    .max(SHOPEE_LIMITS.batchMax),
});

export const unlistItemSchema = z.object({
  item_list: z
    .array(z.object({ item_id: itemId, unlist: z.boolean() }))
    .min(1)
    .max(SHOPEE_LIMITS.batchMax),
});

export const deleteItemSchema = z.object({ item_id: itemId });

export const tokenGetSchema = z.object({
  code: z.string().min(1),
  partner_id: z.number().int(),
  shop_id: z.number().int(),
});

export const refreshSchema = z.object({
  refresh_token: z.string().min(1),
  partner_id: z.number().int(),
  shop_id: z.number().int(),
});
