import { channels, measure, normalizeText } from '@ocop-sync/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listingRules, toListingDraft } from '../src/index.js';
import { fourStars, honey } from './fixtures.js';

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const graphemeBoundaries = (text: string) =>
  new Set([...segmenter.segment(text)].map((part) => part.index).concat(text.length));

function draftOf(channel: (typeof channels)[number], overrides: Record<string, unknown> = {}) {
  const result = toListingDraft(channel, { product: honey(overrides), certificate: fourStars, stock: 25 });
  if (!result.ok) throw new Error(`expected a draft, got a refusal of ${result.field}`);
  return result.draft;
}

/** Asserts the cut title is NFC, within the limit, and a prefix of the NFC name ending on a grapheme boundary. */
function expectCleanCut(title: string, name: string, max: number, unit: 'characters' | 'utf8-bytes') {
  const nfcName = normalizeText(name);
  expect(title.normalize('NFC')).toBe(title);
  expect(measure(title, unit)).toBeLessThanOrEqual(max);
  expect(nfcName.startsWith(title)).toBe(true);
  expect(graphemeBoundaries(nfcName).has(title.length)).toBe(true);
}

describe('listing mapping', () => {
  it.each(channels)(
    'maps a certified honey to a %s draft with the OCOP block in the description',
    (channel) => {
      const draft = draftOf(channel);
      expect(draft.title).toBe('Mật ong rừng U Minh Hạ');
      expect(draft.sellerSku).toBe('OCOP-CM-0001');
      expect(draft.priceVnd).toBe(185_000);
      expect(draft.description).toContain('OCOP 4 sao');
      expect(draft.description).toContain('1234/QĐ-UBND');
      expect(draft.description).toContain('https://truyxuat.ocop.example.vn/p/OCOP-CM-0001');
      expect(draft.description.length).toBeLessThanOrEqual(listingRules[channel].description.max);
    },
  );

  it('turns a decomposed (NFD) name into NFC', () => {
    const nfd = 'Chè Shan tuyết Suối Giàng'.normalize('NFD');
    expect(draftOf('shopee', { name: nfd }).title).toBe('Chè Shan tuyết Suối Giàng'.normalize('NFC'));
  });

  it.each(channels)(
    'cuts a long Vietnamese name for %s at a grapheme boundary within the limit',
    (channel) => {
      const name = 'Nước mắm cốt cá cơm than truyền thống Phú Quốc thượng hạng đặc biệt '
        .repeat(6)
        .normalize('NFD');
      const rules = listingRules[channel];
      const { title } = draftOf(channel, { name: name.slice(0, 300) });
      expectCleanCut(title, name.slice(0, 300), rules.title.max, rules.title.unit);
    },
  );

  it('never splits an emoji or a letter from its combining marks', () => {
    const name = `Bánh pía Sóc Trăng 🥮🇻🇳 ${'ệ̃'.repeat(60)}`;
    const { title } = draftOf('shopee', { name });
    expectCleanCut(title, name, 100, 'characters');
  });

  it('counts UTF-8 bytes for Lazada, where Vietnamese letters take two or three', () => {
    const name = 'Đặc sản Đồng Tháp ướp muối ớt hồng ngọc '.repeat(8);
    const { title } = draftOf('lazada', { name: name.slice(0, 300) });
    expect(Buffer.byteLength(title, 'utf8')).toBeLessThanOrEqual(255);
    expect(title.length).toBeLessThan(255);
  });

  it('holds for any name: NFC, within the limit, a grapheme-aligned prefix', () => {
    const letters = fc.constantFrom(...'aăâeêioôơuưyđ AĂÂĐ̣̀́̉̃🥮🍯'.split(''));
    fc.assert(
      fc.property(fc.array(letters, { minLength: 12, maxLength: 300 }), (chars) => {
        const name = `Mật ong ${chars.join('')}`;
        if (normalizeText(name).length > 300) return;
        for (const channel of channels) {
          const rules = listingRules[channel];
          const result = toListingDraft(channel, {
            product: honey({ name }),
            certificate: fourStars,
            stock: 1,
          });
          if (result.ok) expectCleanCut(result.draft.title, name, rules.title.max, rules.title.unit);
        }
      }),
      { numRuns: 150 },
    );
  });

  it.each(channels)('refuses to list a community-tourism service on %s as a parcel', (channel) => {
    const result = toListingDraft(channel, {
      product: honey({ group: 'community-tourism' }),
      certificate: fourStars,
      stock: 1,
    });
    expect(result).toMatchObject({ ok: false, field: 'group' });
    if (!result.ok) expect(result.reason.vi).toContain('du lịch cộng đồng');
  });

  it.each(channels)('refuses a product without a shipping weight on %s, naming the field', (channel) => {
    const result = toListingDraft(channel, {
      product: honey({ weightGrams: undefined }),
      certificate: fourStars,
      stock: 1,
    });
    expect(result).toMatchObject({ ok: false, field: 'weightGrams' });
  });

  it.each(channels)('refuses a product without images on %s, naming the field', (channel) => {
    const result = toListingDraft(channel, {
      product: honey({ images: [] }),
      certificate: fourStars,
      stock: 1,
    });
    expect(result).toMatchObject({ ok: false, field: 'images' });
    if (!result.ok) expect(result.reason.en).toMatch(/image/);
  });

  it('requires package dimensions where Lazada and Postmart do, but not on Shopee', () => {
    const product = honey({ packageSize: undefined });
    expect(toListingDraft('lazada', { product, certificate: fourStars, stock: 1 })).toMatchObject({
      field: 'packageSize',
    });
    expect(toListingDraft('postmart', { product, certificate: fourStars, stock: 1 })).toMatchObject({
      field: 'packageSize',
    });
    expect(toListingDraft('shopee', { product, certificate: fourStars, stock: 1 }).ok).toBe(true);
  });

  it('refuses a parcel heavier than Lazada allows and a price above Postmart bounds', () => {
    const heavy = toListingDraft('lazada', {
      product: honey({ weightGrams: 45_000 }),
      certificate: fourStars,
      stock: 1,
    });
    expect(heavy).toMatchObject({ ok: false, field: 'weightGrams' });
    const dear = toListingDraft('postmart', {
      product: honey({ priceVnd: 150_000_000 }),
      certificate: fourStars,
      stock: 1,
    });
    expect(dear).toMatchObject({ ok: false, field: 'priceVnd' });
  });

  it('refuses a name shorter than Postmart minimum and an expired certificate when a date is given', () => {
    const short = toListingDraft('postmart', {
      product: honey({ name: 'Mắm' }),
      certificate: fourStars,
      stock: 1,
    });
    expect(short).toMatchObject({ ok: false, field: 'name' });
    const late = toListingDraft('shopee', {
      product: honey(),
      certificate: fourStars,
      stock: 1,
      asOf: '2027-03-16',
    });
    expect(late).toMatchObject({ ok: false, field: 'certificate.expiresOn' });
  });

  it('strips the characters Lazada forbids in a title', () => {
    expect(draftOf('lazada', { name: 'Nước mắm "Cá Cơm" <Phú Quốc>' }).title).toBe(
      'Nước mắm Cá Cơm Phú Quốc',
    );
  });

  it('uses the product id as SKU when none is given and keeps at most 8 images for Lazada', () => {
    const images = Array.from({ length: 9 }, (_, index) => `https://cdn.ocop.example.vn/p/${index}.jpg`);
    const draft = draftOf('lazada', { images });
    expect(draft.images).toHaveLength(8);
    expect(draft.sellerSku).toBe('OCOP-CM-0001');
    expect(draftOf('shopee', { sku: 'MO-UMH-700G' }).sellerSku).toBe('MO-UMH-700G');
  });

  it('cuts a long product description but keeps the OCOP block whole', () => {
    const description = 'Ong khoái cây tràm. '.repeat(240);
    const draft = draftOf('shopee', { description: description.slice(0, 4990) });
    expect(draft.description.length).toBeLessThanOrEqual(2000);
    expect(draft.description).toContain('Quyết định công nhận số 1234/QĐ-UBND');
  });
});
