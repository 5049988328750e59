import { loadInvalidSample, loadSamples, type SampleEvent } from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, snapshotOf, startJourney } from './journey-kit.js';

const productIds = ['TH-2024-0001', 'TH-2024-0003', 'NA-2024-0101'];
const isOneOf = (event: SampleEvent) =>
  productIds.includes(String((event.detail.product as { productId?: string } | undefined)?.productId));

/** The journeys' promises under duplicates, a throttling marketplace and a malformed event. */
describe('journeys under duplicates, throttling and bad input', () => {
  let journey: Journey;
  const decisions = loadSamples('registry/council-decisions.json').filter(isOneOf);
  const movements = loadSamples('showroom/movements.json');

  beforeAll(async () => {
    journey = await startJourney();
  }, 120_000);
  afterAll(async () => {
    await journey?.stop();
  });

  it('completes every listing while a marketplace throttles, later', async () => {
    // The next 8 Postmart calls answer 429: the adapter backs off and the queue retries, nothing is dropped.
    journey.stack.sandboxes.postmart.faults.set({ throttleNext: 8 });

    await journey.send(decisions);

    const throttled = journey.stack.sandboxes.postmart
      .requestLog()
      .filter((entry) => entry.fault === 'throttle');
    expect(throttled.length).toBe(8);
    for (const productId of productIds) {
      const listings = await journey.ledger.listListings(productId);
      expect(listings.length).toBeGreaterThan(0);
      expect(
        listings.every((listing) => listing.status === 'live'),
        productId,
      ).toBe(true);
    }
  });

  it('ends in the same state when every event is delivered twice', async () => {
    await journey.send(movements);
    const once = await snapshotOf(journey, productIds);

    await journey.send([...decisions, ...movements]);

    expect(await snapshotOf(journey, productIds)).toEqual(once);
  });

  it('parks a malformed event in its DLQ with the validation error and writes nothing', async () => {
    const before = await snapshotOf(journey, productIds);
    const { event } = loadInvalidSample('negative-sale-quantity');

    await journey.send([event]);

    const parked = journey.stack.route('stock-ledger').deadLetterQueue.peek(10);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.messageAttributes['ocop-error-message']?.stringValue).toContain(
      'detail.quantity: must be at least 1',
    );
    expect(await snapshotOf(journey, productIds)).toEqual(before);
  });
});
