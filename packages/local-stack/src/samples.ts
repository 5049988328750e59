import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const samplesDirectory = fileURLToPath(new URL('../../../events/samples/', import.meta.url));

/** A sample as it is kept in `events/samples`: what a producer of the event sends to PutEvents. */
export const sampleEvent = z.object({
  source: z.string().min(1),
  'detail-type': z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type SampleEvent = z.infer<typeof sampleEvent>;

/** Reads one sample file (`registry/council-decisions.json`, …): an array of events. */
export function loadSamples(relativePath: string): SampleEvent[] {
  const json: unknown = JSON.parse(readFileSync(`${samplesDirectory}${relativePath}`, 'utf8'));
  return z.array(sampleEvent).parse(json);
}

/** Reads an invalid sample (`invalid/<name>.json`: `{ description, event }`). */
export function loadInvalidSample(name: string): { description: string; event: SampleEvent } {
  const json: unknown = JSON.parse(readFileSync(`${samplesDirectory}invalid/${name}.json`, 'utf8'));
  return z
    .object({
      description: z.string(),
      event: z.object({ source: z.string(), 'detail-type': z.string(), detail: z.unknown() }),
    })
    .transform(({ description, event }) => ({
      description,
      event: { ...event, detail: z.record(z.string(), z.unknown()).parse(event.detail) },
    }))
    .parse(json);
}

/** The demo's data, in the order a province would see it happen. */
export const demoSampleFiles = {
  producers: 'registry/producer-channels-linked.json',
  certifications: 'registry/council-decisions.json',
  movements: 'showroom/movements.json',
  orders: 'marketplace/orders.json',
  revocations: 'registry/certification-revoked.json',
} as const;

const certifiedProduct = z.looseObject({
  product: z.looseObject({
    productId: z.string(),
    name: z.string(),
    group: z.string(),
    priceVnd: z.number(),
    producer: z.looseObject({ producerId: z.string() }),
    traceabilityUrl: z.string().optional(),
    seasonWindows: z.array(z.object({ fromMonth: z.number(), toMonth: z.number() })).optional(),
  }),
});
/** What the demo and the journeys check of a certified sample product. */
export type CertifiedProduct = z.output<typeof certifiedProduct>['product'];

/** The products of ProductCertified samples, once each (the last event for an id wins). */
export function certifiedProductsOf(events: readonly SampleEvent[]): CertifiedProduct[] {
  const byId = new Map<string, CertifiedProduct>();
  for (const event of events) {
    const parsed = certifiedProduct.safeParse(event.detail);
    if (parsed.success) byId.set(parsed.data.product.productId, parsed.data.product);
  }
  return [...byId.values()];
}
