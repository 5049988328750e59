import type { DriftEpisode } from '@ocop-sync/ledger';
import type { MarketplaceListing } from '@ocop-sync/marketplaces';
import { describe, expect, it } from 'vitest';
import { classifyDrift, type ExpectedListing } from '../src/reconciliation-classify.js';
import {
  CAMPAIGN_PROBE_AFTER_MS,
  campaignLocked,
  MAX_REPUSH_ATTEMPTS,
  planFor,
  REPUSH_BACKOFF_BASE_MS,
} from '../src/reconciliation-policy.js';

const lastWriteAt = Date.parse('2025-05-01T09:00:00+07:00');
const expected: ExpectedListing = { stock: 12, priceVnd: 185_000, title: 'Mắm tép Hà Yên 500g', lastWriteAt };
const held = (changes: Partial<MarketplaceListing> = {}): MarketplaceListing => ({
  ref: { channel: 'postmart', shopId: 'PM-S-1', sellerSku: 'MT-HAYEN-500', externalItemId: 'PM-P-1' },
  title: 'Mắm tép Hà Yên 500g',
  priceVnd: 185_000,
  stock: 12,
  status: 'live',
  marketplaceStatus: 'active',
  updatedAt: lastWriteAt - 500,
  ...changes,
});

describe('drift classification', () => {
  it('finds a listing that shows the ledger values in sync, whatever the title normal form', () => {
    expect(classifyDrift(expected, held({ title: 'Mắm tép Hà Yên 500g'.normalize('NFD') }))).toEqual({
      inSync: true,
    });
  });

  it('calls a value unchanged since before our write not applied', () => {
    expect(classifyDrift(expected, held({ stock: 15 }))).toEqual({
      inSync: false,
      driftClass: 'not-applied',
      differences: [{ field: 'stock', expected: 12, actual: 15 }],
    });
  });

  it('calls a change after our last write a hand edit', () => {
    const finding = classifyDrift(expected, held({ priceVnd: 150_000, updatedAt: lastWriteAt + 60_000 }));
    expect(finding).toMatchObject({ driftClass: 'changed-by-hand', differences: [{ field: 'price' }] });
  });

  it('calls a differing price a price mismatch when the marketplace gives no modified time', () => {
    const finding = classifyDrift(expected, held({ priceVnd: 150_000, updatedAt: undefined }));
    expect(finding).toMatchObject({ driftClass: 'price-mismatch' });
  });

  it('tells missing, deleted and banned items apart', () => {
    expect(classifyDrift(expected, undefined)).toMatchObject({ driftClass: 'missing' });
    expect(classifyDrift(expected, held({ status: 'deleted' }))).toMatchObject({ driftClass: 'missing' });
    expect(classifyDrift(expected, held({ status: 'banned' }))).toMatchObject({ driftClass: 'banned' });
  });

  it('leaves out what the ledger does not expect yet (a sync in flight)', () => {
    expect(classifyDrift({ lastWriteAt }, held({ stock: 3, priceVnd: 1 }))).toEqual({ inSync: true });
  });

  it('sees an item unlisted on the marketplace as a status difference', () => {
    const finding = classifyDrift(expected, held({ status: 'inactive', updatedAt: lastWriteAt + 1 }));
    expect(finding).toMatchObject({
      driftClass: 'changed-by-hand',
      differences: [{ field: 'status', expected: 'live', actual: 'inactive' }],
    });
  });
});

describe('drift policy', () => {
  const now = new Date('2025-05-01T10:00:00+07:00');
  const later = (ms: number) => new Date(now.getTime() + ms);
  const notApplied = classifyDrift(expected, held({ stock: 15 }));
  const handEdit = classifyDrift(expected, held({ stock: 2, updatedAt: lastWriteAt + 1 }));

  it('closes the episode when the listing is in sync', () => {
    expect(planFor({ inSync: true }, undefined, now)).toEqual({
      action: 'none',
      episode: undefined,
      notify: false,
    });
  });

  it('re-pushes a write that did not apply with back-off, then asks a human once', () => {
    const first = planFor(notApplied, undefined, now);
    const tooSoon = planFor(notApplied, first.episode, later(60_000));
    const second = planFor(notApplied, first.episode, later(REPUSH_BACKOFF_BASE_MS));
    let episode: DriftEpisode | undefined = second.episode;
    for (let attempt = 2; attempt < MAX_REPUSH_ATTEMPTS; attempt += 1)
      episode = planFor(notApplied, episode, later(24 * 3600_000)).episode;
    const exhausted = planFor(notApplied, episode, later(48 * 3600_000));
    const again = planFor(notApplied, exhausted.episode, later(72 * 3600_000));
    expect([first.action, first.notify, first.episode?.attempts]).toEqual(['re-push', false, 1]);
    expect([tooSoon.action, tooSoon.episode?.attempts]).toEqual(['wait', 1]);
    expect([second.action, second.episode?.attempts]).toEqual(['re-push', 2]);
    expect([exhausted.action, exhausted.notify, exhausted.episode?.needsHuman]).toEqual([
      'needs-human',
      true,
      true,
    ]);
    expect([again.action, again.notify]).toEqual(['needs-human', false]);
  });

  it('re-pushes a hand edit and tells the producer once per episode', () => {
    const first = planFor(handEdit, undefined, now);
    const second = planFor(handEdit, first.episode, later(REPUSH_BACKOFF_BASE_MS));
    expect([first.action, first.notify]).toEqual(['re-push', true]);
    expect([second.action, second.notify]).toEqual(['re-push', false]);
  });

  it('lists a missing item again once, then asks a human', () => {
    const missing = classifyDrift(expected, undefined);
    const first = planFor(missing, undefined, now);
    const second = planFor(missing, first.episode, later(REPUSH_BACKOFF_BASE_MS));
    expect([first.action, first.notify]).toEqual(['relist', false]);
    expect([second.action, second.notify]).toEqual(['needs-human', true]);
  });

  it('adopts a ban and tells the producer', () => {
    const plan = planFor(classifyDrift(expected, held({ status: 'banned' })), undefined, now);
    expect([plan.action, plan.notify, plan.episode?.needsHuman]).toEqual(['adopt-ban', true, true]);
  });

  it('holds a campaign lock without pushing or telling again until the probe time', () => {
    const pushed = planFor(notApplied, undefined, now);
    if (pushed.episode === undefined) throw new Error('expected an episode');
    const locked = campaignLocked(pushed.episode, now);
    const nextRun = planFor(notApplied, locked.episode, later(REPUSH_BACKOFF_BASE_MS));
    const probe = planFor(notApplied, locked.episode, later(CAMPAIGN_PROBE_AFTER_MS));
    const lockedAgain =
      probe.episode === undefined ? undefined : campaignLocked(probe.episode, later(CAMPAIGN_PROBE_AFTER_MS));
    expect([locked.notify, locked.episode.driftClass]).toEqual([true, 'campaign-locked']);
    expect([nextRun.action, nextRun.notify, nextRun.episode?.driftClass]).toEqual([
      'wait',
      false,
      'campaign-locked',
    ]);
    expect([probe.action, probe.notify]).toEqual(['re-push', false]);
    expect(lockedAgain?.notify).toBe(false);
  });
});
