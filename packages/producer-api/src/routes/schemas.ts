import { channel, identifier } from '@ocop-sync/domain';
import { z } from 'zod';

/** Path parameters shared by the producer routes. */
export const producerParams = z.strictObject({ producerId: identifier });
export const endpointParams = z.strictObject({
  producerId: identifier,
  endpointId: z.string().regex(/^ep_[a-f0-9]{24}$/, { error: 'must be an endpoint id (ep_…)' }),
});

/** Vietnamese first, English second, as every text shown to a person. */
export const bilingual = z.object({ vi: z.string(), en: z.string() });

export const channelName = channel;

/** RFC 9457 problem details, as every refusal is answered (`application/problem+json`). */
export const problemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string(),
    errors: z
      .array(
        z.object({
          location: z.enum(['params', 'query', 'body', 'headers']),
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

/** A list answer: `items`, and how many there are. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), count: z.number().int() });
export const toList = <T>(items: readonly T[]) => ({ items: [...items], count: items.length });
