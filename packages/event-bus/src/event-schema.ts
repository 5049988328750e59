import { z } from 'zod';

/** An event as EventBridge delivers it to targets; `replay-name` is present only on replayed events. */
export const eventBridgeEventSchema = z.object({
  version: z.literal('0'),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
  'replay-name': z.string().optional(),
});

export type EventBridgeEvent = z.infer<typeof eventBridgeEventSchema>;
