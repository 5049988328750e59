/** The sandbox's `GET /v1/categories` table (our proposal §3.2; ids are sandbox ids). */
export interface PostmartAttribute {
  readonly key: string;
  readonly name: string;
  readonly required: boolean;
  readonly type: 'text' | 'enum' | 'number';
  readonly options?: readonly string[];
}

export interface PostmartCategory {
  readonly category_id: string;
  readonly name: string;
  readonly leaf: boolean;
  readonly attributes: readonly PostmartAttribute[];
}

const PROVINCE: PostmartAttribute = {
  key: 'origin_province',
  name: 'Tỉnh xuất xứ',
  required: true,
  type: 'text',
};

export const POSTMART_CATEGORIES: readonly PostmartCategory[] = [
  { category_id: 'PM-FOOD', name: 'Thực phẩm', leaf: false, attributes: [] },
  {
    category_id: 'PM-FOOD-HONEY',
    name: 'Mật ong',
    leaf: true,
    attributes: [PROVINCE, { key: 'volume_ml', name: 'Dung tích (ml)', required: false, type: 'number' }],
  },
  {
    category_id: 'PM-FOOD-TEA',
    name: 'Trà',
    leaf: true,
    attributes: [
      PROVINCE,
      { key: 'tea_type', name: 'Loại trà', required: true, type: 'enum', options: ['xanh', 'đen', 'ô long'] },
    ],
  },
  { category_id: 'PM-FOOD-DRIED', name: 'Đặc sản khô', leaf: true, attributes: [] },
];

/** Constraints of the proposal (research §3.2). */
export const POSTMART_LIMITS = {
  titleMin: 10,
  titleMax: 120,
  descriptionMax: 5000,
  imagesMin: 1,
  imagesMax: 9,
  priceMin: 1_000,
  priceMax: 100_000_000,
  quantityMax: 99_999,
  batchMax: 50,
  pageSizeMax: 100,
} as const;

export function postmartCategory(categoryId: string): PostmartCategory | undefined {
  return POSTMART_CATEGORIES.find((category) => category.category_id === categoryId);
}
