import { z } from 'zod';

/** The parts of Shopee answers the adapter reads (SHP-DOC v2.product.*, v2.public.refresh_access_token). */
export const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expire_in: z.number(),
});

const id = z.union([z.number(), z.string()]).transform(String);

export const itemView = z.object({
  item_id: id,
  item_name: z.string(),
  item_sku: z.string().optional().default(''),
  item_status: z.string(),
  /** Unix seconds of the item's last change (SHP-DOC v2.product.get_item_base_info). */
  update_time: z.number().optional(),
  price_info: z
    .array(z.object({ original_price: z.number(), current_price: z.number().optional() }))
    .optional(),
  stock_info_v2: z
    .object({
      summary_info: z.object({ total_available_stock: z.number() }).optional(),
      seller_stock: z.array(z.object({ stock: z.number() })).optional(),
    })
    .optional(),
});
export type ShopeeItemView = z.infer<typeof itemView>;

export const addItemAnswer = z.object({ item_id: id, item_status: z.string().optional() });

export const baseInfoAnswer = z.object({ item_list: z.array(itemView).optional().default([]) });

export const itemListAnswer = z.object({
  item: z
    .array(z.object({ item_id: id }))
    .optional()
    .default([]),
  has_next_page: z.boolean().optional().default(false),
  next_offset: z.number().optional().default(0),
});

/** Partial-success answers of update_price / update_stock / unlist_item. */
export const batchAnswer = z.object({
  failure_list: z
    .array(
      z.object({ failed_reason: z.string().optional().default('failed'), model_id: z.number().optional() }),
    )
    .optional()
    .default([]),
});

export const uploadImageAnswer = z.object({ image_info: z.object({ image_id: z.string().min(1) }) });
