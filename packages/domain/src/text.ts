/**
 * Vietnamese text helpers. Product names arrive in NFC or NFD (decomposed diacritics); the ledger and
 * every marketplace get NFC, and cuts happen only between grapheme clusters so a syllable never loses
 * its tone mark.
 */

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** NFC form with runs of whitespace collapsed and the ends trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export type LengthUnit = 'characters' | 'utf8-bytes';

/** Length as a marketplace counts it: UTF-16 code units ("characters") or UTF-8 bytes. */
export function measure(text: string, unit: LengthUnit): number {
  return unit === 'utf8-bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}

/**
 * Cuts NFC text to at most `max` units without splitting a grapheme cluster, preferring a word boundary
 * when one falls in the last fifth of the allowance (so "Chè Shan tuyết" never becomes "Chè Shan tuy").
 *
 * @example
 * truncateText('Mật ong rừng U Minh', 12) // 'Mật ong rừng'
 */
export function truncateText(text: string, max: number, unit: LengthUnit = 'characters'): string {
  const normalized = normalizeText(text);
  if (measure(normalized, unit) <= max) return normalized;
  let cut = '';
  for (const { segment } of segmenter.segment(normalized)) {
    if (measure(cut + segment, unit) > max) break;
    cut += segment;
  }
  const lastSpace = cut.lastIndexOf(' ');
  const wordCut = lastSpace >= measure(cut, 'characters') * 0.8 ? cut.slice(0, lastSpace) : cut;
  return wordCut.trimEnd();
}

/** ASCII-folded, lower-case form for search keys and SKU slugs ("Đ" becomes "d"). */
export function foldToAscii(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
