import { z } from 'zod';

/** How an invocation ended, as the event source mapping sees it. */
export type BatchOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failedMessageIds: ReadonlySet<string> }
  | { readonly kind: 'failure'; readonly reason: string };

const batchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string().min(1) })).nullish(),
});

/**
 * Reads a handler's return value with Lambda's rules for SQS partial batch responses (ReportBatchItemFailures):
 * nothing, an object without failures, or an empty/null list is full success; a null or empty
 * `itemIdentifier`, a wrongly named key or a malformed list fails the whole batch. An identifier that is not a
 * message of the batch also fails the whole batch here: nothing is deleted on a response we cannot trust.
 */
export function interpretBatchResponse(
  result: unknown,
  batchMessageIds: ReadonlySet<string>,
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!reportBatchItemFailures || result === null || typeof result !== 'object') return { kind: 'success' };
  if (!('batchItemFailures' in result)) return { kind: 'success' };
  const parsed = batchResponseSchema.safeParse(result);
  if (!parsed.success)
    return { kind: 'failure', reason: 'Invalid batchItemFailures in the function response' };
  const failures = parsed.data.batchItemFailures ?? [];
  if (failures.length === 0) return { kind: 'success' };
  const failedMessageIds = new Set(failures.map((failure) => failure.itemIdentifier));
  const unknown = [...failedMessageIds].filter((messageId) => !batchMessageIds.has(messageId));
  if (unknown.length > 0) {
    return {
      kind: 'failure',
      reason: `batchItemFailures names messages not in the batch: ${unknown.join(', ')}`,
    };
  }
  return { kind: 'partial', failedMessageIds };
}
