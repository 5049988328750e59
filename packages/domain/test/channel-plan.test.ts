import { describe, expect, it } from 'vitest';
import {
  type ChannelPlanInput,
  certificateStatus,
  isInSeason,
  planChannels,
  vietnamDate,
} from '../src/index.js';

const base: ChannelPlanInput = {
  productVersion: 1,
  group: 'food',
  certificateStatus: 'active',
  month: 11,
  linkedChannels: ['shopee', 'lazada'],
  listings: {},
  trigger: 'certified',
};

describe('channel plan', () => {
  it('lists a certified product on every channel its producer linked', () => {
    expect(planChannels(base)).toEqual([
      { channel: 'lazada', desired: 'live', action: 'list', reason: 'certified' },
      { channel: 'shopee', desired: 'live', action: 'list', reason: 'certified' },
    ]);
  });

  it('never lists a community-tourism service on a goods marketplace', () => {
    expect(planChannels({ ...base, group: 'community-tourism' })).toEqual([]);
  });

  it('delists everywhere on revocation, including a channel since unlinked', () => {
    const plan = planChannels({
      ...base,
      certificateStatus: 'revoked',
      linkedChannels: ['shopee'],
      listings: {
        shopee: { status: 'live', productVersion: 1 },
        postmart: { status: 'live', productVersion: 1 },
      },
      trigger: 'revoked',
    });
    expect(plan).toEqual([
      { channel: 'postmart', desired: 'delisted', action: 'delist', reason: 'revoked' },
      { channel: 'shopee', desired: 'delisted', action: 'delist', reason: 'revoked' },
    ]);
  });

  it('delists on expiry and does nothing for a channel already delisted', () => {
    const plan = planChannels({
      ...base,
      certificateStatus: 'expired',
      listings: {
        shopee: { status: 'live', productVersion: 1 },
        lazada: { status: 'delisted', productVersion: 1 },
      },
      trigger: 'expired',
    });
    expect(plan).toEqual([{ channel: 'shopee', desired: 'delisted', action: 'delist', reason: 'expired' }]);
  });

  it('keeps listings through a renewal and updates them only when the details are newer', () => {
    const live = { status: 'live', productVersion: 2 } as const;
    expect(
      planChannels({
        ...base,
        productVersion: 2,
        listings: { shopee: live, lazada: live },
        trigger: 'renewed',
      }),
    ).toEqual([]);
    expect(
      planChannels({ ...base, productVersion: 3, listings: { shopee: live }, trigger: 'details-changed' }),
    ).toEqual([
      { channel: 'lazada', desired: 'live', action: 'list', reason: 'details-changed' },
      { channel: 'shopee', desired: 'live', action: 'update', reason: 'details-changed' },
    ]);
  });

  it('pauses a seasonal product outside its window and lists it again when the season opens', () => {
    const seasonal = { ...base, seasonWindows: [{ fromMonth: 10, toMonth: 2 }] };
    const live = { status: 'live', productVersion: 1 } as const;
    expect(
      planChannels({ ...seasonal, month: 6, listings: { shopee: live }, linkedChannels: ['shopee'] }),
    ).toEqual([{ channel: 'shopee', desired: 'paused', action: 'pause', reason: 'out-of-season' }]);
    const paused = { status: 'paused', productVersion: 1 } as const;
    expect(
      planChannels({
        ...seasonal,
        month: 1,
        listings: { shopee: paused },
        linkedChannels: ['shopee'],
        trigger: 'in-season',
      }),
    ).toEqual([{ channel: 'shopee', desired: 'live', action: 'list', reason: 'in-season' }]);
  });

  it('leaves a banned listing alone and retries a refused one only after the details change', () => {
    const listings = {
      shopee: { status: 'banned', productVersion: 1 },
      lazada: { status: 'failed', productVersion: 1 },
    } as const;
    expect(planChannels({ ...base, listings })).toEqual([]);
    expect(planChannels({ ...base, productVersion: 2, listings, trigger: 'details-changed' })).toEqual([
      { channel: 'lazada', desired: 'live', action: 'list', reason: 'details-changed' },
    ]);
  });
});

describe('certificate status', () => {
  const certificate = { expiresOn: '2027-11-14' };
  it('is active until 60 days before expiry, then expiring, then expired the day after expiry', () => {
    expect(certificateStatus(certificate, '2027-09-14')).toBe('active');
    expect(certificateStatus(certificate, '2027-09-15')).toBe('expiring');
    expect(certificateStatus(certificate, '2027-11-14')).toBe('expiring');
    expect(certificateStatus(certificate, '2027-11-15')).toBe('expired');
  });
  it('is revoked whatever the dates say', () => {
    expect(certificateStatus(certificate, '2025-01-01', true)).toBe('revoked');
  });
});

describe('calendar', () => {
  it('uses the date in Vietnam, 7 hours ahead of UTC', () => {
    expect(vietnamDate(new Date('2024-11-14T16:59:59Z'))).toBe('2024-11-14');
    expect(vietnamDate(new Date('2024-11-14T17:00:00Z'))).toBe('2024-11-15');
  });
  it('treats a season window that wraps the new year as one window', () => {
    const windows = [{ fromMonth: 10, toMonth: 2 }];
    expect([1, 2, 3, 9, 10, 12].map((month) => isInSeason(windows, month))).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
  });
});
