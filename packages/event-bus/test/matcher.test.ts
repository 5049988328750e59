import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../src/index.js';

const NFC_HONEY = 'Mật ong hoa cà phê'.normalize('NFC');
const NFD_HONEY = NFC_HONEY.normalize('NFD');

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'ProductCertified',
  source: 'ocop.registry',
  account: '000000000000',
  time: '2025-06-01T08:30:00Z',
  region: 'ap-southeast-1',
  resources: ['arn:ocop:product/p-1', 'arn:ocop:producer/htx-1'],
  detail: {
    productName: NFC_HONEY,
    province: 'Đắk Lắk',
    stars: 4,
    price: 185000.5,
    weight: 5.0,
    organic: true,
    discontinuedAt: null,
    empty: '',
    tags: ['mật ong', 'đặc sản', 'quà tặng'],
    noTags: [],
    producer: { name: 'HTX Ong Mật Tây Nguyên', contact: { ip: '10.0.12.34', ipv6: '2001:db8::1' } },
    listings: [
      { channel: 'shopee', stock: 10 },
      { channel: 'postmart', stock: 0 },
    ],
    file: 'images/dir/honey.PNG',
    'dotted.key': 'dotted',
  },
};

type Case = readonly [description: string, pattern: unknown, expected: boolean];

function table(cases: readonly Case[]): void {
  it.each(cases)('%s', (_description, pattern, expected) => {
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });
}

describe('event pattern matcher', () => {
  describe('exact values', () => {
    table([
      ['matches an exact string', { source: ['ocop.registry'] }, true],
      ['matches when any listed value equals', { source: ['other', 'ocop.registry'] }, true],
      ['does not match a different string', { source: ['ocop.Registry'] }, false],
      ['matches a nested field', { detail: { producer: { name: ['HTX Ong Mật Tây Nguyên'] } } }, true],
      ['requires every field (AND)', { source: ['ocop.registry'], 'detail-type': ['Other'] }, false],
      ['matches true', { detail: { organic: [true] } }, true],
      ['does not match the string "true" against true', { detail: { organic: ['true'] } }, false],
      ['matches null', { detail: { discontinuedAt: [null] } }, true],
      ['does not match null against an empty string', { detail: { empty: [null] } }, false],
      ['matches an empty string', { detail: { empty: [''] } }, true],
      ['does not match a missing field', { detail: { missing: ['x'] } }, false],
      ['does not match a number against its string form', { detail: { stars: ['4'] } }, false],
      ['does not match an object-valued field with a value list', { detail: { producer: ['x'] } }, false],
    ]);
  });

  describe('Vietnamese text', () => {
    table([
      ['matches the same NFC spelling', { detail: { productName: [NFC_HONEY] } }, true],
      ['treats the NFD spelling as a different string', { detail: { productName: [NFD_HONEY] } }, false],
      [
        'compares prefixes code unit by code unit',
        { detail: { productName: [{ prefix: 'Mật'.normalize('NFD') }] } },
        false,
      ],
      [
        'matches a Vietnamese prefix in the same form',
        { detail: { productName: [{ prefix: 'Mật ong' }] } },
        true,
      ],
      [
        'ignores case of Vietnamese letters',
        { detail: { province: [{ 'equals-ignore-case': 'ĐẮK LẮK' }] } },
        true,
      ],
      ['ignores case of đ/Đ alone', { detail: { province: [{ 'equals-ignore-case': 'đắk lắk' }] } }, true],
      [
        'still distinguishes tone marks when ignoring case',
        { detail: { province: [{ 'equals-ignore-case': 'ĐĂK LĂK' }] } },
        false,
      ],
      [
        'does not equate NFD with NFC when ignoring case',
        { detail: { province: [{ 'equals-ignore-case': 'ĐẮK LẮK'.normalize('NFD') }] } },
        false,
      ],
    ]);
  });

  describe('numbers', () => {
    table([
      ['matches 5 written as 5.0 in the event', { detail: { weight: [5] } }, true],
      ['matches 5 written as 5e0 in the pattern', { detail: { weight: [5] } }, true],
      ['matches 4 written as 4.000000', { detail: { stars: [4.0] } }, true],
      ['does not match a different number', { detail: { stars: [5] } }, false],
      ['matches a decimal exactly', { detail: { price: [185000.5] } }, true],
    ]);
  });

  describe('arrays in the event', () => {
    table([
      ['matches when any element equals', { detail: { tags: ['đặc sản'] } }, true],
      [
        'matches when pattern and event arrays intersect',
        { resources: ['x', 'arn:ocop:producer/htx-1'] },
        true,
      ],
      ['does not match when they do not intersect', { detail: { tags: ['cà phê'] } }, false],
      [
        'matches fields of the same array element',
        { detail: { listings: { channel: ['shopee'], stock: [10] } } },
        true,
      ],
      [
        'refuses to combine fields from different array elements',
        { detail: { listings: { channel: ['shopee'], stock: [0] } } },
        false,
      ],
      ['treats an empty array as an absent field', { detail: { noTags: [{ exists: false }] } }, true],
    ]);
  });

  describe('prefix and suffix', () => {
    table([
      ['matches a prefix', { time: [{ prefix: '2025-06' }] }, true],
      ['does not match a wrong prefix', { time: [{ prefix: '2024' }] }, false],
      ['matches an empty prefix on any string', { source: [{ prefix: '' }] }, true],
      ['does not apply prefix to numbers', { detail: { stars: [{ prefix: '4' }] } }, false],
      ['matches a prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'OCOP.' } }] }, true],
      ['matches a suffix', { detail: { file: [{ suffix: '.PNG' }] } }, true],
      ['is case-sensitive for suffixes', { detail: { file: [{ suffix: '.png' }] } }, false],
      [
        'matches a suffix ignoring case',
        { detail: { file: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
        true,
      ],
      [
        'matches a Vietnamese suffix ignoring case',
        { detail: { province: [{ suffix: { 'equals-ignore-case': 'LẮK' } }] } },
        true,
      ],
    ]);
  });

  describe('anything-but', () => {
    table([
      ['matches a value other than the one given', { source: [{ 'anything-but': 'ocop.pos' }] }, true],
      ['does not match the excluded value', { source: [{ 'anything-but': 'ocop.registry' }] }, false],
      [
        'does not match any excluded value of a list',
        { source: [{ 'anything-but': ['a', 'ocop.registry'] }] },
        false,
      ],
      ['excludes numbers by value', { detail: { weight: [{ 'anything-but': [5, 6] }] } }, false],
      ['matches numbers not excluded', { detail: { stars: [{ 'anything-but': 5 }] } }, true],
      [
        'does not exclude numbers with a string list',
        { detail: { stars: [{ 'anything-but': ['4'] }] } },
        true,
      ],
      ['does not match a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
      [
        'matches when another array element is not excluded',
        { detail: { tags: [{ 'anything-but': 'mật ong' }] } },
        true,
      ],
      ['excludes by prefix', { source: [{ 'anything-but': { prefix: 'ocop.' } }] }, false],
      ['matches when the prefix differs', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, true],
      ['excludes by suffix', { detail: { file: [{ 'anything-but': { suffix: '.PNG' } }] } }, false],
      [
        'excludes by any suffix of a list',
        { detail: { file: [{ 'anything-but': { suffix: ['.jpg', '.PNG'] } }] } },
        false,
      ],
      [
        'excludes ignoring case',
        { detail: { province: [{ 'anything-but': { 'equals-ignore-case': 'đắk lắk' } }] } },
        false,
      ],
      [
        'matches when no case variant is excluded',
        { detail: { province: [{ 'anything-but': { 'equals-ignore-case': ['huế'] } }] } },
        true,
      ],
      ['excludes by wildcard', { detail: { file: [{ 'anything-but': { wildcard: '*/dir/*' } }] } }, false],
      [
        'matches when the wildcard does not match',
        { detail: { file: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
        true,
      ],
    ]);
  });

  describe('numeric', () => {
    table([
      ['matches a closed range', { detail: { stars: [{ numeric: ['>=', 3, '<=', 5] }] } }, true],
      ['matches an open lower bound', { detail: { stars: [{ numeric: ['>', 3] }] } }, true],
      ['excludes an open bound value', { detail: { stars: [{ numeric: ['>', 4] }] } }, false],
      ['matches below a bound', { detail: { price: [{ numeric: ['<', 200000] }] } }, true],
      ['matches equality across spellings', { detail: { weight: [{ numeric: ['=', 5] }] } }, true],
      ['matches equality of a decimal', { detail: { price: [{ numeric: ['=', 185000.5] }] } }, true],
      ['does not apply to strings', { detail: { province: [{ numeric: ['>', 0] }] } }, false],
      ['applies to any array element', { detail: { listings: { stock: [{ numeric: ['<', 1] }] } } }, true],
    ]);
    it('does not compare event numbers outside ±5e9 numerically', () => {
      expect(matchesEventPattern({ n: [{ numeric: ['>', 0] }] }, { n: 6e9 })).toBe(false);
      expect(matchesEventPattern({ n: [{ numeric: ['>', 0] }] }, { n: 5e9 })).toBe(true);
    });
  });

  describe('exists', () => {
    table([
      ['matches a present leaf', { detail: { stars: [{ exists: true }] } }, true],
      ['matches a null leaf as present', { detail: { discontinuedAt: [{ exists: true }] } }, true],
      ['does not match an absent field', { detail: { missing: [{ exists: true }] } }, false],
      ['matches an absent field with exists false', { detail: { missing: [{ exists: false }] } }, true],
      ['does not match a present field with exists false', { detail: { stars: [{ exists: false }] } }, false],
      [
        'treats an object-valued field as not a leaf (exists true)',
        { detail: { producer: [{ exists: true }] } },
        false,
      ],
      [
        'treats an object-valued field as not a leaf (exists false)',
        { detail: { producer: [{ exists: false }] } },
        true,
      ],
      ['matches an array of leaves as present', { detail: { tags: [{ exists: true }] } }, true],
    ]);
  });

  describe('wildcard', () => {
    table([
      ['matches a star in the middle', { detail: { file: [{ wildcard: 'images/*/honey.PNG' }] } }, true],
      ['matches several stars', { detail: { file: [{ wildcard: '*dir*PNG' }] } }, true],
      ['matches a lone star on any string', { detail: { empty: [{ wildcard: '*' }] } }, true],
      ['anchors both ends', { detail: { file: [{ wildcard: 'dir/*' }] } }, false],
      ['treats an escaped star literally', { s: [{ wildcard: 'a\\*b' }] }, false],
      ['does not apply to numbers', { detail: { stars: [{ wildcard: '*' }] } }, false],
      ['matches Vietnamese text around a star', { detail: { productName: [{ wildcard: 'Mật*phê' }] } }, true],
    ]);
    it('matches an escaped star and an escaped backslash literally', () => {
      expect(matchesEventPattern({ s: [{ wildcard: 'a\\*b' }] }, { s: 'a*b' })).toBe(true);
      expect(matchesEventPattern({ s: [{ wildcard: 'a\\\\*' }] }, { s: 'a\\tail' })).toBe(true);
      expect(matchesEventPattern({ s: [{ wildcard: 'ab*ab' }] }, { s: 'ab' })).toBe(false);
    });
  });

  describe('equals-ignore-case', () => {
    table([
      ['matches another casing', { source: [{ 'equals-ignore-case': 'OCOP.REGISTRY' }] }, true],
      ['requires the whole string', { source: [{ 'equals-ignore-case': 'OCOP' }] }, false],
      ['does not apply to booleans', { detail: { organic: [{ 'equals-ignore-case': 'TRUE' }] } }, false],
    ]);
  });

  describe('cidr', () => {
    table([
      [
        'matches an IPv4 address inside the block',
        { detail: { producer: { contact: { ip: [{ cidr: '10.0.0.0/16' }] } } } },
        true,
      ],
      [
        'does not match outside the block',
        { detail: { producer: { contact: { ip: [{ cidr: '10.1.0.0/16' }] } } } },
        false,
      ],
      [
        'matches an IPv6 address inside the block',
        { detail: { producer: { contact: { ipv6: [{ cidr: '2001:db8::/32' }] } } } },
        true,
      ],
      [
        'does not match IPv4 with an IPv6 block',
        { detail: { producer: { contact: { ip: [{ cidr: '::/1' }] } } } },
        false,
      ],
      [
        'matches an exact IP written differently',
        { detail: { producer: { contact: { ipv6: ['2001:0db8:0:0:0:0:0:1'] } } } },
        true,
      ],
    ]);
  });

  describe('$or', () => {
    table([
      [
        'matches when one alternative matches',
        { $or: [{ source: ['x'] }, { detail: { stars: [4] } }] },
        true,
      ],
      [
        'does not match when no alternative matches',
        { $or: [{ source: ['x'] }, { detail: { stars: [5] } }] },
        false,
      ],
      [
        'combines with sibling fields (AND)',
        { source: ['x'], $or: [{ detail: { stars: [4] } }, { region: ['ap-southeast-1'] }] },
        false,
      ],
      [
        'nests inside a field',
        { detail: { $or: [{ province: [{ prefix: 'Hà' }] }, { stars: [{ numeric: ['>=', 4] }] }] } },
        true,
      ],
      [
        'nests $or inside $or',
        {
          source: ['ocop.registry'],
          $or: [
            { 'detail-type': ['Other'] },
            { detail: { organic: [true], $or: [{ stars: [5] }, { tags: ['quà tặng'] }] } },
          ],
        },
        true,
      ],
      [
        'keeps array consistency inside an alternative',
        { $or: [{ detail: { listings: { channel: ['postmart'], stock: [10] } } }, { source: ['x'] }] },
        false,
      ],
    ]);
  });

  describe('field names', () => {
    table([
      ['joins nested names with dots as event-ruler does', { detail: { 'dotted.key': ['dotted'] } }, true],
      ['matches a dotted field through nesting', { detail: { dotted: { key: ['dotted'] } } }, true],
    ]);
  });
});
