import { describe, expect, it } from 'vitest';
import {
  readDate,
  readFlag,
  readGroup,
  readProducerType,
  readStars,
  readText,
  readWholeNumber,
} from '../src/import/cell-values.js';

describe('reading spreadsheet cells', () => {
  it('reads prices with Vietnamese and English thousands separators and currency marks', () => {
    expect(readWholeNumber('120.000')).toBe(120_000);
    expect(readWholeNumber('1.250.000')).toBe(1_250_000);
    expect(readWholeNumber('120,000')).toBe(120_000);
    expect(readWholeNumber('120 000 đ')).toBe(120_000);
    expect(readWholeNumber('350000 VND')).toBe(350_000);
    expect(readWholeNumber('95000₫')).toBe(95_000);
    expect(readWholeNumber(65_000)).toBe(65_000);
  });

  it('reads numbers stored as text, and hands unreadable text on unchanged for the schema to refuse', () => {
    expect(readWholeNumber(' 700 ')).toBe(700);
    expect(readWholeNumber('700g')).toBe(700);
    expect(readWholeNumber('12.5')).toBe(12.5);
    expect(readWholeNumber('một trăm')).toBe('một trăm');
    expect(readWholeNumber('')).toBeUndefined();
  });

  it('reads Excel serial dates, date cells, ISO and day-first dates', () => {
    expect(readDate(45_610)).toBe('2024-11-14');
    expect(readDate('45610')).toBe('2024-11-14');
    expect(readDate(new Date('2024-11-14T00:00:00Z'))).toBe('2024-11-14');
    expect(readDate('2024-11-14')).toBe('2024-11-14');
    expect(readDate('14/11/2024')).toBe('2024-11-14');
    expect(readDate('2/12/2024')).toBe('2024-12-02');
    expect(readDate('14.11.2024')).toBe('2024-11-14');
  });

  it('hands impossible dates on as written', () => {
    expect(readDate('31/02/2024')).toBe('31/02/2024');
    expect(readDate('hôm qua')).toBe('hôm qua');
  });

  it('normalises Vietnamese text written in NFD to NFC', () => {
    const decomposed = 'Mật ong rừng'.normalize('NFD');
    expect(readText(`  ${decomposed}  `)).toBe('Mật ong rừng'.normalize('NFC'));
  });

  it('reads groups, producer types, stars and flags in Vietnamese or as catalogue codes', () => {
    expect(readGroup('Thực phẩm')).toBe('food');
    expect(readGroup('THỰC PHẨM'.normalize('NFD'))).toBe('food');
    expect(readGroup('Lưu niệm - nội thất - trang trí')).toBe('souvenir-furniture-decoration');
    expect(readGroup('beverage')).toBe('beverage');
    expect(readProducerType('HTX')).toBe('cooperative');
    expect(readProducerType('Hộ kinh doanh')).toBe('household');
    expect(readStars('4 sao')).toBe(4);
    expect(readStars(5)).toBe(5);
    expect(readFlag('có')).toBe(true);
    expect(readFlag('không')).toBe(false);
  });
});
