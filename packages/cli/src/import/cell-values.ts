import { foldToAscii, normalizeText, type ProducerType, type ProductGroup } from '@ocop-sync/domain';

/**
 * What a spreadsheet cell may hold once read: text (CSV, or xlsx text cells), a number, a Date (xlsx date
 * cells), a boolean, or nothing. Each reader here turns Excel's habits into the catalogue's types and,
 * when it cannot, hands the original value on so the catalogue's schema names the rule it breaks.
 */
export type Cell = string | number | boolean | Date | null | undefined;

/** Text in NFC with whitespace collapsed; empty text is `undefined`. */
export function readText(cell: Cell): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  const text = normalizeText(cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));
  return text === '' ? undefined : text;
}

/**
 * Whole numbers as councils type them: "120.000" and "120,000" (thousands separators, the Vietnamese
 * "." included), "120 000", "120.000 đ", "120000 VND", or a number cell. VND has no decimals, so a
 * single separator followed by three digits is always a thousands separator, never a decimal point.
 */
export function readWholeNumber(cell: Cell): number | string | undefined {
  if (typeof cell === 'number') return cell;
  const text = readText(cell);
  if (text === undefined) return undefined;
  const bare = text
    .replace(/(?:đồng|dong|vnd|vnđ|đ|₫|g)$/iu, '')
    .replace(/[\s\u00a0]/g, '')
    .trim();
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(bare)) return Number(bare.replace(/[.,]/g, ''));
  if (/^-?\d+(?:[.,]\d+)?$/.test(bare)) return Number(bare.replace(',', '.'));
  return text;
}

/** Days between Excel's day 0 (1899-12-30, which absorbs the 1900 leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET_DAYS = 25_569;
const DAY_MS = 86_400_000;

/**
 * A calendar date as YYYY-MM-DD from an xlsx date cell, an Excel serial number (a date cell formatted as
 * a number, or a CSV exported from one), ISO text, or Vietnamese day-first text ("14/11/2024",
 * "14-11-2024", "14.11.2024"). Anything else is returned as written for the schema to refuse.
 */
export function readDate(cell: Cell): string | undefined {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return fromSerial(cell) ?? String(cell);
  const text = readText(cell);
  if (text === undefined) return undefined;
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return fromSerial(Number(text)) ?? text;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? text;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dayFirst) return calendarDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])) ?? text;
  return text;
}

function fromSerial(serial: number): string | undefined {
  // Serial 1 is 1900-01-01 and 2958465 is 9999-12-31; anything else is not a date.
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  return new Date((Math.floor(serial) - EXCEL_EPOCH_OFFSET_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** "4", 4, "4 sao", "4★" → 4. */
export function readStars(cell: Cell): number | string | undefined {
  if (typeof cell === 'number') return cell;
  const text = readText(cell);
  if (text === undefined) return undefined;
  const match = /^(\d)\s*(?:sao|stars?|★)?$/iu.exec(text);
  return match ? Number(match[1]) : text;
}

const groupNames: Readonly<Record<string, ProductGroup>> = {
  'thuc pham': 'food',
  'do uong': 'beverage',
  'thao duoc': 'herbal',
  'duoc lieu': 'herbal',
  'vai va may mac': 'textile-garment',
  'luu niem noi that trang tri': 'souvenir-furniture-decoration',
  'luu niem noi that va trang tri': 'souvenir-furniture-decoration',
  'dich vu du lich cong dong': 'community-tourism',
  'dich vu du lich cong dong va diem du lich': 'community-tourism',
};

/** The product group from its Vietnamese name (Decision 148/QĐ-TTg) or its catalogue code. */
export function readGroup(cell: Cell): string | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  return groupNames[plain(text)] ?? text.toLowerCase();
}

const producerTypeNames: Readonly<Record<string, ProducerType>> = {
  htx: 'cooperative',
  'hop tac xa': 'cooperative',
  dn: 'enterprise',
  'doanh nghiep': 'enterprise',
  'cong ty': 'enterprise',
  tht: 'cooperative-group',
  'to hop tac': 'cooperative-group',
  'ho kinh doanh': 'household',
  'ho san xuat': 'household',
  'co so san xuat': 'household',
};

/** The producer type from its Vietnamese name or abbreviation (HTX, DN, THT) or its catalogue code. */
export function readProducerType(cell: Cell): string | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  return producerTypeNames[plain(text)] ?? text.toLowerCase();
}

/** "có", "x", "yes", TRUE → true; empty → undefined; "không", "no" → false. */
export function readFlag(cell: Cell): boolean | string | undefined {
  if (typeof cell === 'boolean') return cell;
  const text = readText(cell);
  if (text === undefined) return undefined;
  const word = plain(text);
  if (['co', 'x', 'yes', 'true', '1'].includes(word)) return true;
  if (['khong', 'no', 'false', '0'].includes(word)) return false;
  return text;
}

/**
 * A parcel's size as "length x width x height" in cm: "8x8x18", "8 × 8 × 18", "20*12,5*6". Anything else
 * is returned as written for the schema to refuse.
 */
export function readPackageSize(
  cell: Cell,
): { lengthCm: number; widthCm: number; heightCm: number } | string | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  const parts = text
    .replace(/cm$/i, '')
    .split(/\s*[x×*]\s*/i)
    .map((part) => part.trim().replace(',', '.'));
  if (parts.length !== 3 || !parts.every((part) => /^\d+(?:\.\d+)?$/.test(part))) return text;
  const [lengthCm, widthCm, heightCm] = parts.map(Number) as [number, number, number];
  return { lengthCm, widthCm, heightCm };
}

/** URLs separated by spaces, commas, semicolons or line breaks. */
export function readList(cell: Cell): string[] | undefined {
  const text = readText(cell);
  if (text === undefined) return undefined;
  return text.split(/[\s,;]+/).filter((part) => part !== '');
}

function plain(text: string): string {
  return foldToAscii(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
