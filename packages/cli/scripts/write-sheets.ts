/**
 * Writes the council decision template and sample (.csv and .xlsx) from the rows below:
 * `npx tsx packages/cli/scripts/write-sheets.ts`. The CSV sample is written the way Excel in a Vietnamese
 * locale leaves it (BOM, day-first dates, "350.000" prices); the .xlsx has real date and number cells.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeXlsxFile from 'write-excel-file/node';
import { columnKeys, columns } from '../src/import/columns.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

type Producer = readonly [id: string, name: string, type: string, province: string, district: string];
const producers = {
  matong: ['HTX-BT-MATONG', 'HTX Mật ong Bá Thước', 'HTX', 'Thanh Hóa', 'Bá Thước'],
  cheBt: ['HTX-BT-CHE', 'HTX Chè Shan tuyết Bá Thước', 'HTX', 'Thanh Hóa', 'Bá Thước'],
  coi: ['HTX-NS-COI', 'HTX Cói Nga Sơn', 'HTX', 'Thanh Hóa', 'Nga Sơn'],
  theu: ['THT-NS-THEU', 'Tổ hợp tác Thêu ren Nga Sơn', 'Tổ hợp tác', 'Thanh Hóa', 'Nga Sơn'],
  nem: ['DN-TH-NEMCHUA', 'Công ty TNHH Nem chua Thanh Hóa', 'Doanh nghiệp', 'Thanh Hóa', 'TP Thanh Hóa'],
  nuocmamQx: [
    'HKD-QX-NUOCMAM',
    'Hộ kinh doanh Nước mắm Lê Văn Hùng',
    'Hộ kinh doanh',
    'Thanh Hóa',
    'Quảng Xương',
  ],
  tuong: ['HTX-ND-TUONG', 'HTX Tương Nam Đàn', 'HTX', 'Nghệ An', 'Nam Đàn'],
  vanPhan: ['HTX-DC-NUOCMAM', 'HTX Nước mắm Vạn Phần', 'HTX', 'Nghệ An', 'Diễn Châu'],
  cam: ['DN-NA-CAMVINH', 'Công ty Cổ phần Cam Vinh', 'Doanh nghiệp', 'Nghệ An', 'Quỳ Hợp'],
  cheTc: ['HTX-TC-CHE', 'HTX Chè Thanh Chương', 'HTX', 'Nghệ An', 'Thanh Chương'],
  nhut: ['HKD-TC-NHUT', 'Hộ kinh doanh Nhút Nguyễn Thị Lan', 'Hộ kinh doanh', 'Nghệ An', 'Thanh Chương'],
  duoclieu: ['HTX-CC-DUOCLIEU', 'HTX Dược liệu Con Cuông', 'HTX', 'Nghệ An', 'Con Cuông'],
} as const satisfies Record<string, Producer>;

type Product = readonly [
  producer: keyof typeof producers,
  name: string,
  group: string,
  stars: number,
  price: number,
  grams: number,
];
const products: readonly Product[] = [
  ['matong', 'Mật ong rừng Bá Thước', 'Thực phẩm', 4, 350_000, 700],
  ['matong', 'Mật ong hoa cà phê Bá Thước (chai 500 ml)', 'Thực phẩm', 3, 180_000, 650],
  ['matong', 'Sáp ong Bá Thước', 'Thảo dược', 3, 90_000, 200],
  ['cheBt', 'Chè Shan tuyết Pù Luông', 'Đồ uống', 4, 250_000, 300],
  ['coi', 'Thảm cói Nga Sơn', 'Lưu niệm - nội thất - trang trí', 4, 420_000, 2500],
  ['coi', 'Túi cói Nga Sơn', 'Lưu niệm - nội thất - trang trí', 3, 150_000, 400],
  ['theu', 'Khăn thêu ren Nga Sơn', 'Vải và may mặc', 3, 120_000, 150],
  ['theu', 'Áo thêu ren Nga Sơn', 'Vải và may mặc', 3, 380_000, 300],
  ['nem', 'Nem chua Thanh Hóa', 'Thực phẩm', 4, 65_000, 550],
  ['nem', 'Nem chua rán Thanh Hóa', 'Thực phẩm', 3, 85_000, 500],
  ['nuocmamQx', 'Nước mắm cá cơm Quảng Xương', 'Thực phẩm', 3, 110_000, 900],
  ['nuocmamQx', 'Mắm tôm Quảng Xương', 'Thực phẩm', 3, 60_000, 450],
  ['tuong', 'Tương Nam Đàn', 'Thực phẩm', 4, 45_000, 700],
  ['tuong', 'Tương ớt Nam Đàn', 'Thực phẩm', 3, 40_000, 400],
  ['vanPhan', 'Nước mắm Vạn Phần 40 độ đạm', 'Thực phẩm', 4, 150_000, 900],
  ['vanPhan', 'Nước mắm Vạn Phần 30 độ đạm', 'Thực phẩm', 3, 95_000, 900],
  ['vanPhan', 'Mắm tép Vạn Phần', 'Thực phẩm', 3, 70_000, 450],
  ['cam', 'Cam Vinh', 'Thực phẩm', 4, 60_000, 1000],
  ['cam', 'Nước cam Vinh ép', 'Đồ uống', 3, 35_000, 350],
  ['cheTc', 'Chè xanh Thanh Chương', 'Đồ uống', 4, 200_000, 250],
  ['cheTc', 'Trà túi lọc Thanh Chương', 'Đồ uống', 3, 75_000, 150],
  ['nhut', 'Nhút Thanh Chương', 'Thực phẩm', 3, 40_000, 500],
  ['duoclieu', 'Cao khôi Con Cuông', 'Thảo dược', 3, 220_000, 200],
  ['duoclieu', 'Trà hoa vàng Con Cuông', 'Thảo dược', 4, 450_000, 150],
  ['duoclieu', 'Sâm Puxailaileng khô', 'Thảo dược', 4, 900_000, 100],
];

const decisions = {
  'Thanh Hóa': { number: '1234/QĐ-UBND', date: '2024-11-14', issuer: 'UBND tỉnh Thanh Hóa' },
  'Nghệ An': { number: '3456/QĐ-UBND', date: '2024-12-02', issuer: 'UBND tỉnh Nghệ An' },
} as const;

interface SampleRow {
  values: Record<(typeof columnKeys)[number], string | number | Date | undefined>;
}

function sampleRows(): SampleRow[] {
  return products.map(([producerKey, name, group, stars, price, grams], index) => {
    const [producerId, producerName, producerType, province, district] = producers[producerKey];
    const decision = decisions[province];
    const slug = `sp-${String(index + 1).padStart(2, '0')}`;
    return {
      values: {
        decisionNumber: decision.number,
        decisionDate: new Date(`${decision.date}T00:00:00Z`),
        productName: name,
        description: undefined,
        group,
        stars,
        producerId,
        producerName,
        producerType,
        province,
        district,
        price,
        weightGrams: grams,
        packageSize: packageSizeFor(grams),
        images: `https://images.ocop.example.vn/${slug}-1.jpg https://images.ocop.example.vn/${slug}-2.jpg`,
        issuer: decision.issuer,
        fiveStarCandidate: undefined,
      },
    };
  });
}

/** A plausible parcel for the weight (Postmart requires a package size). */
function packageSizeFor(grams: number): string {
  const side = Math.max(6, Math.round(Math.cbrt(grams) * 1.6));
  return `${side}x${side}x${Math.round(side * 1.5)}`;
}

const headers = columnKeys.map((key) => columns[key].vi);

/** Excel's habits in a Vietnamese locale: day-first dates, "." as the thousands separator. */
function csvCell(value: string | number | Date | undefined, key: string): string {
  if (value === undefined) return '';
  if (value instanceof Date) {
    const [year, month, day] = value.toISOString().slice(0, 10).split('-');
    return `${day}/${month}/${year}`;
  }
  const text = typeof value === 'number' && key === 'price' ? value.toLocaleString('de-DE') : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(rows: readonly SampleRow[]): string {
  const lines = [
    headers.join(','),
    ...rows.map((row) => columnKeys.map((key) => csvCell(row.values[key], key)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function xlsx(rows: readonly SampleRow[], path: string): Promise<void> {
  const data = [
    headers.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((row) =>
      columnKeys.map((key) => {
        const value = row.values[key];
        if (value instanceof Date) return { value, type: Date, format: 'dd/mm/yyyy' };
        if (typeof value === 'number')
          return { value, type: Number, format: key === 'price' ? '#,##0' : '0' };
        return value === undefined ? null : { value, type: String };
      }),
    ),
  ];
  await writeXlsxFile(data, { columns: headers.map(() => ({ width: 24 })) }).toFile(path);
}

const rows = sampleRows();
writeFileSync(join(root, 'templates/council-decision-template.csv'), csv([]), 'utf8');
await xlsx([], join(root, 'templates/council-decision-template.xlsx'));
writeFileSync(join(root, 'samples/council-decision-sample.csv'), csv(rows), 'utf8');
await xlsx(rows, join(root, 'samples/council-decision-sample.xlsx'));
process.stdout.write(`wrote the template and a sample of ${rows.length} products\n`);
