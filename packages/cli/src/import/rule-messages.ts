/**
 * Vietnamese for the catalogue's rule messages (the schemas speak English). A message without a
 * translation is shown in English only, never dropped.
 */
const translations: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => string]> = [
  [/^is required$/, () => 'bắt buộc, đang để trống'],
  [/^must not be empty$/, () => 'không được để trống'],
  [/^must be at most ([\d,]+) characters$/, (m) => `tối đa ${dots(m[1])} ký tự`],
  [/^must be 3, 4 or 5$/, () => 'phải là 3, 4 hoặc 5'],
  [/^must be one of (.+)$/, (m) => `phải là một trong: ${m[1] ?? ''}`],
  [/^must be a date written YYYY-MM-DD$/, () => 'phải là một ngày có thật (ngày/tháng/năm)'],
  [/^must be a date-time with a time zone offset$/, () => 'phải là một ngày có thật (ngày/tháng/năm)'],
  [/^must be a number of VND$/, () => 'phải là số tiền (đồng)'],
  [/^must be a whole number of VND \(no decimals\)$/, () => 'phải là số đồng nguyên (không có số lẻ)'],
  [/^must be at least ([\d,]+) VND$/, (m) => `tối thiểu ${dots(m[1])} đồng`],
  [/^must be at most ([\d,]+) VND$/, (m) => `tối đa ${dots(m[1])} đồng`],
  [/^must not be negative$/, () => 'không được âm'],
  [/^must be a whole number of grams$/, () => 'phải là số gam nguyên'],
  [/^must be more than 0$/, () => 'phải lớn hơn 0'],
  [/^must be at most ([\d,]+) g$/, (m) => `tối đa ${dots(m[1])} g`],
  [/^must be an https URL$/, () => 'phải là địa chỉ https://'],
  [/^must have at most (\d+) images$/, (m) => `tối đa ${m[1] ?? ''} ảnh`],
  [
    /^must be 1-80 letters, digits/,
    () => 'chỉ gồm 1–80 chữ không dấu, số, ".", "_" hoặc "-", bắt đầu bằng chữ hoặc số',
  ],
  [/^expiresOn must be after issuedOn$/, () => 'ngày hết hạn phải sau ngày quyết định'],
  [/^must be an? (number|boolean|string)$/, (m) => `phải là ${kinds[m[1] ?? ''] ?? 'giá trị hợp lệ'}`],
  [/^appears again in row (\d+)/, (m) => `trùng với dòng ${m[1] ?? ''} (cùng quyết định và sản phẩm)`],
  [/^column is missing$/, () => 'thiếu cột này trong tệp'],
];

const kinds: Readonly<Record<string, string>> = { number: 'một số', boolean: 'có/không', string: 'chữ' };

/** Vietnamese writes thousands with dots: 1,000 → 1.000. */
function dots(value: string | undefined): string {
  return (value ?? '').replaceAll(',', '.');
}

/** The rule in Vietnamese, or `undefined` when no translation is known. */
export function vietnameseRule(message: string): string | undefined {
  for (const [pattern, render] of translations) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return undefined;
}
