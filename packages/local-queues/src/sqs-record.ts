import type { SQSRecord } from 'aws-lambda';
import type { ReceivedMessage } from './types.js';

/** Builds the record Lambda's SQS event source mapping puts in `event.Records` for a received message. */
export function toSqsRecord(message: ReceivedMessage, queue: { arn: string; region: string }): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: message.senderId,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
      ...(message.deadLetterSourceArn === undefined
        ? {}
        : { DeadLetterQueueSourceArn: message.deadLetterSourceArn }),
    },
    messageAttributes: message.messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes === undefined
      ? {}
      : { md5OfMessageAttributes: message.md5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: queue.region,
  };
}
