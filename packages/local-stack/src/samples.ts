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
