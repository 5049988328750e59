import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LedgerFixture, ledgerFixture, uid } from './fixtures.js';

describe('listing creation lease', () => {
  let fixture: LedgerFixture;
  let clockMs = Date.parse('2026-11-23T10:00:00Z');
  beforeAll(async () => {
    fixture = await ledgerFixture({ clock: () => new Date(clockMs) });
  });
  afterAll(async () => fixture.drop());

  const lease = () => ({ productId: uid('prod'), channel: 'shopee' as const });

  it('lets one holder at a time create, and the same holder renew', async () => {
    const item = lease();
    const { ledger } = fixture;
    expect(await ledger.takeCreationLease({ ...item, holder: 'a', leaseSeconds: 60 })).toBe(true);
    expect(await ledger.takeCreationLease({ ...item, holder: 'b', leaseSeconds: 60 })).toBe(false);
    expect(await ledger.takeCreationLease({ ...item, holder: 'a', leaseSeconds: 60 })).toBe(true);
    // Another channel of the same product is a different lease.
    expect(
      await ledger.takeCreationLease({ ...item, channel: 'lazada', holder: 'b', leaseSeconds: 60 }),
    ).toBe(true);
  });

  it('frees the lease only for its holder', async () => {
    const item = lease();
    const { ledger } = fixture;
    await ledger.takeCreationLease({ ...item, holder: 'a', leaseSeconds: 60 });
    await ledger.releaseCreationLease({ ...item, holder: 'b' });
    expect(await ledger.takeCreationLease({ ...item, holder: 'b', leaseSeconds: 60 })).toBe(false);
    await ledger.releaseCreationLease({ ...item, holder: 'a' });
    expect(await ledger.takeCreationLease({ ...item, holder: 'b', leaseSeconds: 60 })).toBe(true);
  });

  it('lets another holder take a lease its holder never released, once it has expired', async () => {
    const item = lease();
    const { ledger } = fixture;
    await ledger.takeCreationLease({ ...item, holder: 'crashed', leaseSeconds: 60 });
    clockMs += 59_000;
    expect(await ledger.takeCreationLease({ ...item, holder: 'b', leaseSeconds: 60 })).toBe(false);
    clockMs += 2_000;
    expect(await ledger.takeCreationLease({ ...item, holder: 'b', leaseSeconds: 60 })).toBe(true);
  });
});
