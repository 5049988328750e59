import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { type CatalogueEvent, formatIssues, type ParseResult, parseEvent } from '@ocop-sync/domain';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { DeadLetterParker } from './dead-letter-parker.js';
import type { Observability } from './observability.js';

export interface QueueHandlerOptions extends Observability {
  parker: DeadLetterParker;
}

export type QueueHandler = middy.MiddyfiedHandler<SQSEvent, SQSBatchResponse, Error, Context>;

/** A parsed record: the EventBridge event from the SQS body, and the SQS message id it came in. */
export interface ReceivedEvent {
  messageId: string;
  event: CatalogueEvent;
}

/**
 * A Lambda handler for an SQS queue fed by an EventBridge rule. Each record's body is parsed against the
 * catalogue; an invalid one is parked in the DLQ with its validation error (never retried, never applied);
 * a valid one goes to `handleEvent`. A record whose handling throws is reported in `batchItemFailures`,
 * so only it is retried.
 *
 * @example
 * export const handler = createQueueHandler(deps, (event) => handleCertificationEvent(services, event));
 */
export function createQueueHandler(
  options: QueueHandlerOptions,
  handleEvent: (event: CatalogueEvent) => Promise<void>,
): QueueHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const received = await parseOrPark(options, record);
    if (received) await handleEvent(received.event);
  };
  const main = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, handleRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  return withObservability(options, main);
}

/**
 * Like `createQueueHandler`, for consumers that decide over the whole batch (e.g. coalescing many stock
 * changes of one product into one marketplace call). `handleBatch` returns the message ids that failed.
 */
export function createBatchQueueHandler(
  options: QueueHandlerOptions,
  handleBatch: (events: ReceivedEvent[]) => Promise<{ failedMessageIds: string[] }>,
): QueueHandler {
  const main = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const received: ReceivedEvent[] = [];
    const failed: string[] = [];
    for (const record of event.Records) {
      try {
        const parsed = await parseOrPark(options, record);
        if (parsed) received.push(parsed);
      } catch (error) {
        options.logger.error('could not park an invalid record', { messageId: record.messageId, error });
        failed.push(record.messageId);
      }
    }
    const outcome = received.length > 0 ? await handleBatch(received) : { failedMessageIds: [] };
    return {
      batchItemFailures: [...failed, ...outcome.failedMessageIds].map((itemIdentifier) => ({
        itemIdentifier,
      })),
    };
  };
  return withObservability(options, main);
}

function withObservability(
  options: Observability,
  main: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
): QueueHandler {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(main)
    .use(captureLambdaHandler(options.tracer))
    .use(injectLambdaContext(options.logger, { resetKeys: true }))
    .use(logMetrics(options.metrics));
}

async function parseOrPark(
  options: QueueHandlerOptions,
  record: SQSRecord,
): Promise<ReceivedEvent | undefined> {
  const parsed = parseRecordBody(record.body);
  if (parsed.ok) return { messageId: record.messageId, event: parsed.value };
  const message = formatIssues(parsed.issues);
  // The message names fields and rules only: no values, so no personal data reaches the logs.
  options.logger.warn('invalid event parked', { messageId: record.messageId, issues: message });
  options.metrics.addMetric('InvalidEventParked', MetricUnit.Count, 1);
  await options.parker.park(record, { errorType: 'InvalidEvent', message });
  return undefined;
}

export function parseRecordBody(body: string): ParseResult<CatalogueEvent> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, issues: [{ path: '(body)', message: 'is not valid JSON' }] };
  }
  return parseEvent(json);
}
