import type { SQSMessageAttributes } from 'aws-lambda';
import { z } from 'zod';
import { messageAttributesSchema } from './message-attributes.js';

/** Source of "now" in epoch milliseconds; inject a manual one in specifications. */
export interface Clock {
  now(): number;
}

/** Why and when a message last failed, kept so a dead-lettered message says what went wrong. */
export const failureSchema = z.object({
  error: z.string(),
  firstFailureAt: z.number(),
  lastFailureAt: z.number(),
});

/** A message as the journal keeps it; visibility is process state and is not persisted. */
export const storedMessageSchema = z.object({
  messageId: z.uuid(),
  body: z.string(),
  md5OfBody: z.string(),
  messageAttributes: messageAttributesSchema,
  senderId: z.string(),
  /** When the producer sent it; kept when the message moves to a dead-letter queue (standard queues). */
  sentTimestamp: z.number(),
  /** When it entered this queue; the age of the oldest message is measured from here. */
  enqueuedAt: z.number(),
  receiveCount: z.number().int().nonnegative(),
  firstReceiveTimestamp: z.number().optional(),
  failure: failureSchema.optional(),
  /** Set on messages in a dead-letter queue: the ARN of the queue they came from. */
  deadLetterSourceArn: z.string().optional(),
});

export type Failure = z.infer<typeof failureSchema>;
export type StoredMessage = z.infer<typeof storedMessageSchema>;

/** A message handed out by `receive`, with the receipt handle of this receive only. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes: string | undefined;
  readonly messageAttributes: SQSMessageAttributes;
  readonly senderId: string;
  readonly sentTimestamp: number;
  readonly receiveCount: number;
  readonly firstReceiveTimestamp: number;
  readonly deadLetterSourceArn: string | undefined;
}

/** What `peek` shows of a message without receiving it. */
export interface MessageView {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: SQSMessageAttributes;
  readonly state: 'visible' | 'in-flight';
  readonly sentTimestamp: number;
  readonly receiveCount: number;
  readonly lastError: string | undefined;
  readonly firstFailureAt: number | undefined;
  readonly lastFailureAt: number | undefined;
  readonly deadLetterSourceArn: string | undefined;
}

/**
 * Result of an operation that takes a receipt handle. A handle stops being current once its message is
 * received again (SQS hands out a new one each receive), so a slow consumer cannot delete a redelivered copy.
 */
export type ReceiptOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'receipt-handle-not-current' | 'message-not-in-flight' };

/** Mirrors SQS's ApproximateNumberOfMessages / …NotVisible / ApproximateAgeOfOldestMessage. */
export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  /** Milliseconds since the oldest message entered this queue; 0 when empty. */
  readonly oldestMessageAgeMs: number;
}

export interface RedriveResult {
  /** Each moved message with its new id: like SQS, a redriven message is a new message. */
  readonly moved: ReadonlyArray<{ readonly deadLetterMessageId: string; readonly messageId: string }>;
  /** Requested ids that were not in the dead-letter queue. */
  readonly notFound: readonly string[];
}
