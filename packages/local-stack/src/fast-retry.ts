import type { LocalQueue, SqsFunctionHandler } from '@ocop-sync/local-queues';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * Local time compression for retries. In AWS a failed record comes back when its visibility timeout
 * (180 s here) expires, so a record that can never succeed takes `maxReceiveCount` × 180 s to reach its DLQ.
 * Locally, after the function returns or throws, the failed records' visibility is shortened to
 * `retryDelaySeconds` (what a consumer does with ChangeMessageVisibility). The handler module, the batch
 * semantics and `maxReceiveCount` are unchanged: only the wait between attempts is shorter.
 */
export function withFastRetry(
  handler: SqsFunctionHandler,
  queue: LocalQueue,
  retryDelaySeconds: number,
): SqsFunctionHandler {
  const delay = (receiptHandles: readonly string[]) => {
    for (const receiptHandle of receiptHandles) queue.changeVisibility(receiptHandle, retryDelaySeconds);
  };
  return async (event: SQSEvent, context) => {
    let result: unknown;
    try {
      result = await handler(event, context);
    } catch (error) {
      delay(event.Records.map((record) => record.receiptHandle));
      throw error;
    }
    const failed = failedIds(result);
    if (failed === 'all') delay(event.Records.map((record) => record.receiptHandle));
    else
      delay(
        event.Records.filter((record) => failed.has(record.messageId)).map((record) => record.receiptHandle),
      );
    return result;
  };
}

/** Reads a partial batch response loosely; anything the mapping would treat as a whole-batch failure is 'all'. */
function failedIds(result: unknown): ReadonlySet<string> | 'all' {
  if (result === undefined || result === null || typeof result !== 'object') return new Set();
  const failures: unknown = Reflect.get(result, 'batchItemFailures');
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set<string>();
  for (const failure of failures as SQSBatchResponse['batchItemFailures']) {
    if (typeof failure?.itemIdentifier !== 'string') return 'all';
    ids.add(failure.itemIdentifier);
  }
  return ids;
}

/** The handler as is (AWS timing), or with failed records retried after `retryDelaySeconds`. */
export const fastRetryOrNot = (
  handler: SqsFunctionHandler,
  queue: LocalQueue,
  retryDelaySeconds: number | undefined,
): SqsFunctionHandler =>
  retryDelaySeconds === undefined ? handler : withFastRetry(handler, queue, retryDelaySeconds);
