import { createHash, randomUUID } from 'node:crypto';
import { md5OfMessageAttributes, toRecordAttributes } from './message-attributes.js';
import type { MessageView, ReceivedMessage, StoredMessage } from './types.js';

/** A new message as SQS stores it on SendMessage (and on redrive, which sends anew). */
export function newStoredMessage(
  fields: Pick<StoredMessage, 'body' | 'messageAttributes' | 'senderId'>,
  now: number,
): StoredMessage {
  return {
    messageId: randomUUID(),
    body: fields.body,
    md5OfBody: createHash('md5').update(fields.body, 'utf8').digest('hex'),
    messageAttributes: fields.messageAttributes,
    senderId: fields.senderId,
    sentTimestamp: now,
    enqueuedAt: now,
    receiveCount: 0,
  };
}

/** Opaque to consumers, unique per receive: the message id plus a random part. */
export function newReceiptHandle(messageId: string): string {
  return Buffer.from(`${messageId}:${randomUUID()}`).toString('base64');
}

export function toReceivedMessage(
  stored: StoredMessage,
  receiptHandle: string,
  now: number,
): ReceivedMessage {
  return {
    messageId: stored.messageId,
    receiptHandle,
    body: stored.body,
    md5OfBody: stored.md5OfBody,
    md5OfMessageAttributes: md5OfMessageAttributes(stored.messageAttributes),
    messageAttributes: toRecordAttributes(stored.messageAttributes),
    senderId: stored.senderId,
    sentTimestamp: stored.sentTimestamp,
    receiveCount: stored.receiveCount,
    firstReceiveTimestamp: stored.firstReceiveTimestamp ?? now,
    deadLetterSourceArn: stored.deadLetterSourceArn,
  };
}

export function toMessageView(stored: StoredMessage, state: MessageView['state']): MessageView {
  return {
    messageId: stored.messageId,
    body: stored.body,
    messageAttributes: toRecordAttributes(stored.messageAttributes),
    state,
    sentTimestamp: stored.sentTimestamp,
    receiveCount: stored.receiveCount,
    lastError: stored.failure?.error,
    firstFailureAt: stored.failure?.firstFailureAt,
    lastFailureAt: stored.failure?.lastFailureAt,
    deadLetterSourceArn: stored.deadLetterSourceArn,
  };
}
