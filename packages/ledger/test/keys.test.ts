import { describe, expect, it } from 'vitest';
import { byArea, byExpiry, keyText, locationKey, parseLocationKey } from '../src/keys.js';

describe('ledger keys', () => {
  it('gives one area key to any case or Unicode form of a name', () => {
    expect(keyText('THANH HÓA'.normalize('NFD'))).toBe(keyText('Thanh  Hóa'));
  });

  it('escapes separators so free text never splits a key', () => {
    expect(byArea.sk('Quận #1 %', 'P1')).toBe('quận %231 %25#P1');
  });

  it('reads back the location it wrote', () => {
    const location = { type: 'showroom' as const, locationId: 'SR-THANHHOA-01' };
    expect(parseLocationKey(locationKey(location))).toEqual(location);
    expect(parseLocationKey('kiosk#K1')).toBeUndefined();
  });

  it('sorts a day before its own expiry keys', () => {
    expect(byExpiry.before('2027-11-14') < byExpiry.sk('2027-11-14', 'A')).toBe(true);
    expect(byExpiry.sk('2027-11-13', 'zzz') < byExpiry.before('2027-11-14')).toBe(true);
  });
});
