import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { parkAttributes } from '@ocop-sync/runtime';
import { z } from 'zod';

/** A message parked in a dead-letter queue, as an operator needs to see it. */
export interface ParkedMessage {
  messageId: string;
  receiptHandle: string;
  detailType: string;
  /** The registry's or producer's own event id inside the detail, if any. */
  detailEventId: string | undefined;
  /** Why: the reason the DLQ parker attached, or how SQS's redrive policy moved it. */
  errorType: string | undefined;
  reason: string;
  sentAt: Date;
  ageSeconds: number;
  receiveCount: number;
  body: string;
}

/** Long enough to read a DLQ to the end without seeing a message twice; released right after. */
const LISTING_VISIBILITY_SECONDS = 30;
/** What one ReceiveMessage returns at most (ReceiveMessage API reference, MaxNumberOfMessages). */
const RECEIVE_MAX = 10;

const envelope = z.object({
  'detail-type': z.string().optional(),
  detail: z.object({ eventId: z.string().optional() }).loose().optional(),
});

export async function queueUrlOf(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`queue ${queueName}: no URL returned`);
  return QueueUrl;
}

export function toParkedMessage(message: Message, now: Date): ParkedMessage {
  const body = message.Body ?? '';
  const parsed = safeJson(body);
  const event = envelope.safeParse(parsed);
  const attributes = message.MessageAttributes ?? {};
  const errorType = attributes[parkAttributes.errorType]?.StringValue;
  const errorMessage = attributes[parkAttributes.errorMessage]?.StringValue;
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '0');
  const source = message.Attributes?.DeadLetterQueueSourceArn;
  const sentAt = new Date(Number(message.Attributes?.SentTimestamp ?? now.getTime()));
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    detailType: event.success ? (event.data['detail-type'] ?? '(none)') : '(not an event)',
    detailEventId: event.success ? event.data.detail?.eventId : undefined,
    errorType,
    reason:
      errorMessage ??
      (source
        ? `moved by the redrive policy from ${source.split(':').pop() ?? source} (failed every receive)`
        : 'moved by the redrive policy (failed every receive)'),
    sentAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - sentAt.getTime()) / 1000)),
    receiveCount,
    body,
  };
}

/**
 * Reads up to `limit` messages of a queue without consuming them: SQS has no "peek", so each is received
 * with a short visibility timeout and made visible again at once (ChangeMessageVisibility 0).
 */
export async function listParked(
  sqs: SQSClient,
  queueUrl: string,
  options: { limit?: number; now?: () => Date } = {},
): Promise<ParkedMessage[]> {
  const limit = options.limit ?? 100;
  const now = options.now ?? (() => new Date());
  const received: Message[] = [];
  const seen = new Set<string>();
  while (received.length < limit) {
    const batch = await receive(
      sqs,
      queueUrl,
      Math.min(RECEIVE_MAX, limit - received.length),
      LISTING_VISIBILITY_SECONDS,
    );
    const fresh = batch.filter((message) => !seen.has(message.MessageId ?? ''));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.add(message.MessageId ?? '');
    received.push(...fresh);
  }
  await release(sqs, queueUrl, received);
  return received
    .map((message) => toParkedMessage(message, now()))
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
}

export interface RedriveReport {
  moved: number;
  /** Message ids in the DLQ before and in the source queue after. */
  messages: Array<{ from: string; to: string; detailType: string }>;
}

/**
 * Sends parked messages back to their source queue: receive, SendMessage (body only: the parking reason
 * stays behind), then DeleteMessage, so a crash between two steps duplicates a message rather than losing
 * it (the consumers are idempotent). At most the number of messages parked when it starts, so messages
 * that fail again and come back are not chased forever. Works the same on SQS and on the local endpoint
 * (StartMessageMoveTask would need its task API there too).
 */
export async function redriveParked(
  sqs: SQSClient,
  deadLetterQueueUrl: string,
  sourceQueueUrl: string,
  options: { max: number; messageIds?: readonly string[] | undefined },
): Promise<RedriveReport> {
  const report: RedriveReport = { moved: 0, messages: [] };
  const wanted = options.messageIds === undefined ? undefined : new Set(options.messageIds);
  const skipped: Message[] = [];
  while (report.moved < options.max) {
    const batch = await receive(sqs, deadLetterQueueUrl, RECEIVE_MAX, LISTING_VISIBILITY_SECONDS);
    if (batch.length === 0) break;
    for (const message of batch) {
      if (report.moved >= options.max || (wanted && !wanted.has(message.MessageId ?? ''))) {
        skipped.push(message);
        continue;
      }
      const sent = await sqs.send(
        new SendMessageCommand({ QueueUrl: sourceQueueUrl, MessageBody: message.Body ?? '' }),
      );
      await sqs.send(
        new DeleteMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          ReceiptHandle: message.ReceiptHandle ?? '',
        }),
      );
      report.moved += 1;
      report.messages.push({
        from: message.MessageId ?? '',
        to: sent.MessageId ?? '',
        detailType: toParkedMessage(message, new Date()).detailType,
      });
    }
    if (wanted && [...wanted].every((id) => report.messages.some((moved) => moved.from === id))) break;
  }
  await release(sqs, deadLetterQueueUrl, skipped);
  return report;
}

async function receive(
  sqs: SQSClient,
  queueUrl: string,
  max: number,
  visibility: number,
): Promise<Message[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      VisibilityTimeout: visibility,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return Messages ?? [];
}

async function release(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += RECEIVE_MAX) {
    const batch = messages.slice(start, start + RECEIVE_MAX);
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
