import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const sampleFile = (extension: 'csv' | 'xlsx') =>
  join(packageRoot, 'samples', `council-decision-sample.${extension}`);

const linkEvent = z.object({
  source: z.string(),
  'detail-type': z.literal('ProducerChannelsLinked'),
  detail: z.looseObject({
    producer: z.looseObject({ producerId: z.string(), name: z.string() }),
    channels: z.array(z.looseObject({ shopId: z.string() })),
  }),
});

/** The sample's ProducerChannelsLinked events (five producers with a Postmart shop). */
export function sampleLinks() {
  return z
    .array(linkEvent)
    .parse(JSON.parse(readFileSync(join(packageRoot, 'samples', 'producer-channel-links.json'), 'utf8')));
}
