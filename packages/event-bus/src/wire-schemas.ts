import { z } from 'zod';

/**
 * Request bodies of the AWS JSON 1.1 operations the local bus speaks, checked at the HTTP edge. Fields are
 * deliberately loose (optional, any length): which ones are missing is reported per entry, the AWS way.
 * The SDK sends `Time` as epoch seconds; the CLI may send a string, so both are accepted.
 */
const timeSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: 'Time is not a valid timestamp' });
    return z.NEVER;
  }
  return date;
});

export const putEventsEntrySchema = z.object({
  Source: z.string().optional(),
  DetailType: z.string().optional(),
  Detail: z.string().optional(),
  Resources: z.array(z.string()).optional(),
  Time: timeSchema.optional(),
  EventBusName: z.string().optional(),
  TraceHeader: z.string().optional(),
});

export const putEventsRequestSchema = z.object({
  Entries: z.array(putEventsEntrySchema),
  EndpointId: z.string().optional(),
});

export const testEventPatternRequestSchema = z.object({
  EventPattern: z.string(),
  Event: z.string(),
});

/** One PutEvents entry after parsing, `Time` as a `Date`. */
export type PutEventsRequestEntry = z.output<typeof putEventsEntrySchema>;
