import { loadSamples, type SampleEvent } from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Journey, startJourney } from './journey-kit.js';

/** The sample rice wine, whose producer sells on Postmart only, with an image URL that has no file type. */
function wineWithExtensionlessImage(): SampleEvent {
  const wine = loadSamples('registry/council-decisions.json').find(
    (event) => (event.detail.product as { productId: string }).productId === 'TH-2024-0007',
  );
  if (wine === undefined) throw new Error('sample TH-2024-0007 missing');
  const product = wine.detail.product as Record<string, unknown>;
  // A CMS link without `.jpg`: valid https (our schema accepts it), refused by Postmart's image rule.
  return {
    ...wine,
    detail: { ...wine.detail, product: { ...product, images: ['https://cms.ocop.example.vn/anh?id=7'] } },
  };
}

const failureNotice = z.object({
  productId: z.literal('TH-2024-0007'),
  channel: z.literal('postmart'),
  failure: z.object({
    kind: z.literal('permanent'),
    field: z.string(),
    reason: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  }),
  message: z.object({ vi: z.string(), en: z.string() }),
});

/** Journey 3, webhook notifications to producers: a listing a marketplace refuses, explained in Vietnamese. */
describe('journey 3: webhook notifications to producers', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney();
    await journey.send([wineWithExtensionlessImage()]);
  }, 180_000);
  afterAll(async () => {
    await journey?.stop();
  });

  it('records the marketplace refusal in the ledger with the field', async () => {
    const [listing] = await journey.ledger.listListings('TH-2024-0007');
    expect(listing?.channel).toBe('postmart');
    expect(listing?.status).toBe('failed');
    expect(listing?.failure?.field).toMatch(/^images/);
    expect(journey.itemsOf('HKD-NL-RUOU', 'postmart', 'TH-2024-0007')).toEqual([]);
  });

  it('tells the producer listing.failed with the field and the reason in Vietnamese, signed', () => {
    const notices = journey.receiver
      .received()
      .filter((message) => message.producerId === 'HKD-NL-RUOU' && message.type === 'listing.failed');
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    // Verified by the off-the-shelf `standardwebhooks` library with the secret shown at registration.
    expect(notice?.verified).toBe(true);
    const data = failureNotice.parse(notice?.data);
    expect(data.failure.field).toMatch(/^images/);
    expect(data.failure.reason.vi).toMatch(/ảnh/i);
    expect(data.message.vi).toContain('Rượu cần Ngọc Lặc');
    expect(data.message.vi).toContain('Postmart');
  });

  it('sends nothing a producer did not ask about and nothing unsigned', () => {
    const received = journey.receiver.received();
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((message) => message.verified)).toBe(true);
    expect(received.every((message) => message.producerId === String(message.data.producerId))).toBe(true);
  });
});
