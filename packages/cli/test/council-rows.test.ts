import { describe, expect, it } from 'vitest';
import { checkCouncilDecision } from '../src/import/council-decision.js';
import { productIdFor, toCertifiedRow } from '../src/import/council-rows.js';
import { parseCsv, toSheet } from '../src/import/read-sheet.js';
import { formatRowIssue } from '../src/import/row-issues.js';

const header =
  'Số quyết định,Ngày quyết định,Tên sản phẩm,Nhóm sản phẩm,Số sao,Mã chủ thể,Chủ thể,Loại chủ thể,Tỉnh,Huyện,Giá bán (đồng)';
const good =
  '1234/QĐ-UBND,14/11/2024,Nem chua Thanh Hóa,Thực phẩm,4,DN-TH-NEMCHUA,Công ty TNHH Nem chua,DN,Thanh Hóa,TP Thanh Hóa,"65.000"';

describe('council decision rows', () => {
  it('turns a row into a ProductCertified detail the catalogue accepts', () => {
    const { rows } = toSheet(parseCsv(`${header}\n${good}\n`));
    const outcome = toCertifiedRow(rows[0] ?? { rowNumber: 0, cells: {} });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.row.detail).toMatchObject({
      occurredAt: '2024-11-14T00:00:00+07:00',
      product: { priceVnd: 65_000, group: 'food', producer: { type: 'enterprise' } },
      certificate: {
        decisionNumber: '1234/QĐ-UBND',
        issuedOn: '2024-11-14',
        expiresOn: '2027-11-14',
        stars: 4,
      },
    });
    expect(outcome.row.detail.eventId).toBe(`council-${outcome.row.detail.product.productId}`);
  });

  it('derives the same product id from NFC or NFD text and any capitalisation', () => {
    const nfc = productIdFor('1234/QĐ-UBND', 'Nem chua Thanh Hóa');
    expect(productIdFor('1234/QĐ-UBND'.normalize('NFD'), 'NEM CHUA THANH HÓA'.normalize('NFD'))).toBe(nfc);
    expect(productIdFor('1235/QĐ-UBND', 'Nem chua Thanh Hóa')).not.toBe(nfc);
  });

  it('reads a BOM, semicolon-separated CSV and skips trailing empty rows', () => {
    const text = `\uFEFF${header.replaceAll(',', ';')}\r\n${good.replace(/,/g, ';').replace('"65.000"', '65.000')}\r\n;;;;;;;;;;\r\n\r\n`;
    const sheet = toSheet(parseCsv(text));
    expect(sheet.headerIssues).toEqual([]);
    expect(sheet.rows).toHaveLength(1);
    expect(checkCouncilDecision(sheet).valid[0]?.detail.product.priceVnd).toBe(65_000);
  });

  it('reports every problem of every row with its row number, column and rule in both languages', () => {
    const bad = [
      good,
      '1234/QĐ-UBND,31/02/2024,Mắm tôm,Thực phẩm,6,HKD-QX,Hộ Lê Văn Hùng,Hộ kinh doanh,Thanh Hóa,Quảng Xương,"60.000"',
      ',14/11/2024,Tương ớt,Gia vị,3,HTX ND,HTX Tương,HTX,Nghệ An,Nam Đàn,500',
      good,
    ];
    const checked = checkCouncilDecision(toSheet(parseCsv(`${header}\n${bad.join('\n')}\n`)));
    expect(checked.valid).toHaveLength(1);
    expect(checked.invalidRows).toBe(3);
    const byRow = checked.issues.map((issue) => [issue.rowNumber, issue.column, issue.ruleEn]);
    expect(byRow).toEqual(
      expect.arrayContaining([
        [3, 'decisionDate', 'must be a date written YYYY-MM-DD'],
        [3, 'stars', 'must be 3, 4 or 5'],
        [4, 'decisionNumber', 'is required'],
        [4, 'group', expect.stringContaining('must be one of')],
        [4, 'producerId', expect.stringContaining('must be 1-80 letters')],
        [4, 'price', 'must be at least 1,000 VND'],
        [5, 'productName', 'appears again in row 2'],
      ]),
    );
    expect(checked.issues.filter((issue) => issue.ruleVi === undefined)).toEqual([]);
    const stars = checked.issues.find((issue) => issue.column === 'stars');
    expect(stars && formatRowIssue(stars)).toBe(
      'Dòng/Row 3, cột/column "Số sao / Stars" ("6"): phải là 3, 4 hoặc 5 / must be 3, 4 or 5',
    );
  });

  it('reports a missing required column once, on the header row', () => {
    const sheet = toSheet(parseCsv('Số quyết định,Tên sản phẩm\n1/QĐ,Chè\n'));
    expect(sheet.headerIssues.map((issue) => issue.column)).toContain('price');
    expect(sheet.headerIssues.every((issue) => issue.rowNumber === 1)).toBe(true);
  });
});
