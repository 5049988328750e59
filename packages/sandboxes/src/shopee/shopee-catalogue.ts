/**
 * The sandbox's category table and item limits — what `get_category`, `get_attribute_tree` and
 * `get_item_limit` would return for this fake shop. Ids are sandbox ids, not Shopee VN's real ones.
 */
export interface ShopeeCategory {
  readonly categoryId: number;
  readonly name: string;
  readonly leaf: boolean;
  readonly mandatoryAttributes: ReadonlyArray<{ readonly attributeId: number; readonly name: string }>;
  readonly brandRequired: boolean;
}

const ORIGIN = { attributeId: 100037, name: 'Xuất xứ (country of origin)' } as const;
const SHELF_LIFE = { attributeId: 100040, name: 'Hạn sử dụng (shelf life)' } as const;

export const SHOPEE_CATEGORIES: readonly ShopeeCategory[] = [
  {
    categoryId: 100001,
    name: 'Thực phẩm & Đồ uống',
    leaf: false,
    mandatoryAttributes: [],
    brandRequired: false,
  },
  { categoryId: 100629, name: 'Mật ong', leaf: true, mandatoryAttributes: [ORIGIN], brandRequired: false },
  {
    categoryId: 100630,
    name: 'Trà',
    leaf: true,
    mandatoryAttributes: [ORIGIN, SHELF_LIFE],
    brandRequired: false,
  },
  { categoryId: 100631, name: 'Đặc sản khô', leaf: true, mandatoryAttributes: [], brandRequired: false },
  { categoryId: 100632, name: 'Gạo', leaf: true, mandatoryAttributes: [], brandRequired: true },
];

/** `get_item_limit` figures: name/images/description from the doc sample (SHP-DOC v2.product.get_item_limit). */
export const SHOPEE_LIMITS = {
  nameMin: 5,
  nameMax: 100,
  descriptionMin: 10,
  descriptionMax: 2000,
  imagesMin: 1,
  imagesMax: 9,
  /** VND; VN prices are integers (SHP-DOC v2.product.update_price). The bounds are the sandbox's assumption. */
  priceMin: 1_000,
  priceMax: 100_000_000,
  stockMax: 10_000_000,
  batchMax: 50,
} as const;

export function shopeeCategory(categoryId: number): ShopeeCategory | undefined {
  return SHOPEE_CATEGORIES.find((category) => category.categoryId === categoryId);
}
