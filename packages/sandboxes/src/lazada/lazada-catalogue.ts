/**
 * The sandbox's category table (what GetCategoryTree / GetCategoryAttributes would return). 10002019 is the id
 * used in the research test vector; the others are sandbox ids. `name` and `brand_id` are basic attributes of
 * every category.
 */
export interface LazadaCategory {
  readonly categoryId: string;
  readonly name: string;
  readonly leaf: boolean;
  readonly mandatoryAttributes: readonly string[];
}

export const LAZADA_CATEGORIES: readonly LazadaCategory[] = [
  { categoryId: '10000001', name: 'Thực phẩm & Đồ uống', leaf: false, mandatoryAttributes: [] },
  { categoryId: '10002019', name: 'Mật ong', leaf: true, mandatoryAttributes: [] },
  { categoryId: '10002020', name: 'Trà', leaf: true, mandatoryAttributes: ['shelf_life'] },
  { categoryId: '10002021', name: 'Đặc sản khô', leaf: true, mandatoryAttributes: [] },
];

export const LAZADA_BASIC_ATTRIBUTES = ['name', 'brand_id'] as const;

/** Limits from LAZ-GUIDE create-a-product and LAZ-API createproduct.json (research §2.6). */
export const LAZADA_LIMITS = {
  nameMaxBytes: 255,
  imagesMax: 8,
  packageWeightMaxKg: 40,
  packageSumMaxCm: 300,
  skusPerCall: 50,
  forbiddenTitleChars: /["^~<>|]/,
  /** Only Lazada-hosted images are accepted (4138); migrate external ones first. */
  lazadaImageHost: /^https?:\/\/([a-z0-9-]+\.)*(slatic\.net|lazcdn\.com)\//i,
} as const;

export function lazadaCategory(categoryId: string): LazadaCategory | undefined {
  return LAZADA_CATEGORIES.find((category) => category.categoryId === categoryId);
}
