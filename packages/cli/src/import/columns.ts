import { foldToAscii } from '@ocop-sync/domain';

/**
 * The columns of a council decision sheet. Headers are matched by meaning, not position: the Vietnamese
 * header, the English one and a few short forms all find the column, whatever their case, accents or
 * Unicode form. Columns a council spreadsheet rarely has (description, images, weight) are optional.
 */
export const columns = {
  decisionNumber: { vi: 'Số quyết định', en: 'Decision number', required: true, aliases: ['so qd'] },
  decisionDate: { vi: 'Ngày quyết định', en: 'Decision date', required: true, aliases: ['ngay qd'] },
  productName: { vi: 'Tên sản phẩm', en: 'Product name', required: true, aliases: ['san pham', 'product'] },
  description: { vi: 'Mô tả', en: 'Description', required: false, aliases: [] },
  group: { vi: 'Nhóm sản phẩm', en: 'Product group', required: true, aliases: ['nhom', 'group'] },
  stars: { vi: 'Số sao', en: 'Stars', required: true, aliases: ['hang sao', 'xep hang'] },
  producerId: { vi: 'Mã chủ thể', en: 'Producer id', required: true, aliases: ['ma chu the san xuat'] },
  producerName: { vi: 'Chủ thể', en: 'Producer', required: true, aliases: ['ten chu the', 'producer name'] },
  producerType: { vi: 'Loại chủ thể', en: 'Producer type', required: true, aliases: ['loai hinh'] },
  province: { vi: 'Tỉnh', en: 'Province', required: true, aliases: ['tinh/thanh pho', 'tinh thanh'] },
  district: { vi: 'Huyện', en: 'District', required: true, aliases: ['quan/huyen', 'huyen/thi xa'] },
  price: { vi: 'Giá bán (đồng)', en: 'Price (VND)', required: true, aliases: ['gia', 'gia ban', 'price'] },
  weightGrams: { vi: 'Khối lượng (g)', en: 'Weight (g)', required: false, aliases: ['khoi luong'] },
  packageSize: {
    vi: 'Kích thước kiện (cm)',
    en: 'Package size (cm)',
    required: false,
    aliases: ['kich thuoc', 'dai x rong x cao', 'package size'],
  },
  images: { vi: 'Ảnh (URL)', en: 'Images (URL)', required: false, aliases: ['anh', 'hinh anh', 'images'] },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer', required: false, aliases: ['noi cap', 'co quan cap'] },
  fiveStarCandidate: {
    vi: 'Tiềm năng 5 sao',
    en: 'Five-star candidate',
    required: false,
    aliases: ['tiem nang'],
  },
} as const satisfies Record<
  string,
  { vi: string; en: string; required: boolean; aliases: readonly string[] }
>;

export type ColumnKey = keyof typeof columns;
export const columnKeys = Object.keys(columns) as ColumnKey[];

/** "Giá bán (đồng)", "GIA BAN (DONG)" and "giá bán (đồng)" in NFD all become "gia ban dong". */
export function headerKey(header: string): string {
  return foldToAscii(header)
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

const lookup = new Map<string, ColumnKey>(
  columnKeys.flatMap((key) => {
    const column = columns[key];
    return [column.vi, column.en, key, ...column.aliases].map((name) => [headerKey(name), key] as const);
  }),
);

/** The column a header names, if any. */
export function columnFor(header: string): ColumnKey | undefined {
  return lookup.get(headerKey(header));
}

/** "Số sao / Stars": how a column is named in reports, in both languages. */
export function columnLabel(key: ColumnKey): string {
  const column = columns[key];
  return `${column.vi} / ${column.en}`;
}
