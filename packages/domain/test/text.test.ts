import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldToAscii, measure, normalizeText, truncateText } from '../src/index.js';

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].map((part) => part.segment);

describe('Vietnamese text', () => {
  it('normalises NFD input to NFC and collapses whitespace', () => {
    const nfd = '  Chè   Shan tuyết\tSuối Giàng '.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Chè Shan tuyết Suối Giàng'.normalize('NFC'));
  });

  it('cuts at a word boundary when one is near the limit', () => {
    expect(truncateText('Mật ong rừng U Minh', 12)).toBe('Mật ong rừng');
  });

  it('never separates a letter from its tone mark, even from NFD input', () => {
    const name = 'Gạo nếp cái hoa vàng Hải Hậu'.normalize('NFD');
    for (let max = 1; max <= 30; max += 1) {
      const cut = truncateText(name, max);
      expect(cut).toBe(cut.normalize('NFC'));
      expect(measure(cut, 'characters')).toBeLessThanOrEqual(max);
      expect(normalizeText(name).startsWith(cut)).toBe(true);
    }
  });

  it('keeps emoji and combining sequences whole when counting UTF-8 bytes', () => {
    const cut = truncateText('Trà 🍵 hoa vàng', 8, 'utf8-bytes');
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(8);
    expect(cut).toBe('Trà');
  });

  it('returns a grapheme-aligned prefix of any input within the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 80 }),
        (input, max) => {
          const cut = truncateText(input, max);
          const whole = normalizeText(input);
          expect(measure(cut, 'characters')).toBeLessThanOrEqual(max);
          expect(whole.startsWith(cut)).toBe(true);
          expect(graphemes(whole).join('').startsWith(graphemes(cut).join(''))).toBe(true);
        },
      ),
    );
  });

  it('folds Vietnamese to ASCII for keys', () => {
    expect(foldToAscii('Đèn lồng Vụ Bản')).toBe('den long vu ban');
  });
});
