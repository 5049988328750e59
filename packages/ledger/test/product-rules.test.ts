import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideProductChange, type ProductEvent } from '../src/product-rules.js';
import type { ProductRecord } from '../src/records.js';
import { certified, detail } from './fixtures.js';

const productId = 'CHE-SHAN-01';
const events: ProductEvent[] = [
  { type: 'ProductCertified', detail: certified({ productId, version: 1 }) },
  {
    type: 'StarRatingChanged',
    detail: detail('StarRatingChanged', {
      eventId: 'e2',
      occurredAt: '2025-01-01T08:00:00+07:00',
      version: 2,
      productId,
      stars: 5,
      decisionNumber: '9/QĐ-TTg',
      decidedOn: '2025-01-01',
    }),
  },
  {
    type: 'ProductDetailsUpdated',
    detail: detail('ProductDetailsUpdated', {
      eventId: 'e3',
      occurredAt: '2025-01-02T08:00:00+07:00',
      version: 3,
      product: { ...certified({ productId }).product, priceVnd: 420_000 },
    }),
  },
  {
    type: 'CertificationRenewed',
    detail: detail('CertificationRenewed', {
      eventId: 'e4',
      occurredAt: '2025-02-01T08:00:00+07:00',
      version: 4,
      productId,
      certificate: { decisionNumber: '44/QĐ-UBND', issuedOn: '2025-02-01', stars: 5 },
    }),
  },
];

/** Applies events in order, redelivering unknown-product rejections at the end (as SQS would). */
function replay(order: ProductEvent[]): ProductRecord | undefined {
  let product: ProductRecord | undefined;
  let queue = [...order];
  for (let round = 0; round < 5 && queue.length > 0; round++) {
    const retry: ProductEvent[] = [];
    for (const event of queue) {
      const decision = decideProductChange(product, event, '2025-03-01T00:00:00.000Z');
      if (decision.kind === 'applied') product = decision.next;
      if (decision.kind === 'unknown-product') retry.push(event);
    }
    queue = retry;
  }
  return product;
}

describe('product change rules', () => {
  it('ends in the same state whatever order the events arrive in, with duplicates', () => {
    const expected = replay(events);
    fc.assert(
      fc.property(fc.shuffledSubarray([...events, ...events], { minLength: 8, maxLength: 8 }), (order) => {
        const { version: _v, ...final } = replay(order) ?? ({} as ProductRecord);
        const { version: _e, ...wanted } = expected ?? ({} as ProductRecord);
        expect(final).toEqual(wanted);
      }),
    );
    expect(expected).toMatchObject({
      details: { priceVnd: 420_000 },
      certificate: { stars: 5, decisionNumber: '44/QĐ-UBND' },
    });
  });

  it('drops the five-star candidacy once a product reaches five stars', () => {
    const base = decideProductChange(undefined, events[0] as ProductEvent, 'now');
    const current =
      base.kind === 'applied'
        ? { ...base.next, certificate: { ...base.next.certificate, fiveStarCandidate: true } }
        : undefined;
    const result = decideProductChange(current, events[1] as ProductEvent, 'now');
    expect(result.kind === 'applied' && result.next.certificate.fiveStarCandidate).toBeUndefined();
  });
});
