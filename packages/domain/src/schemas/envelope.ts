import { z } from 'zod';

/**
 * The EventBridge envelope as a target receives it. AWS may add envelope fields, so unknown envelope
 * keys pass through; the `detail` inside is validated strictly by its detail-type's schema.
 */
export const eventBridgeEnvelope = z.looseObject({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelope>;
