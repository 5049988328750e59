import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

export interface ParkReason {
  errorType: string;
  message: string;
}

/** Moves a record that can never succeed (e.g. it fails validation) to the route's DLQ at once, with why. */
export interface DeadLetterParker {
  park(record: SQSRecord, reason: ParkReason): Promise<void>;
}

/** SQS message attributes are capped at 256 KiB with the body; the reason is kept short. */
const MAX_REASON_LENGTH = 4000;

export const parkAttributes = {
  errorType: 'ocop-error-type',
  errorMessage: 'ocop-error-message',
  sourceMessageId: 'ocop-source-message-id',
} as const;

export function createSqsParker(client: SQSClient, queueUrl: string | undefined): DeadLetterParker {
  return {
    async park(record, reason) {
      // Without a DLQ URL the record fails instead, and the redrive policy parks it after maxReceiveCount.
      if (!queueUrl) throw new Error(`${reason.errorType}: ${reason.message}`);
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: record.body,
          MessageAttributes: {
            [parkAttributes.errorType]: { DataType: 'String', StringValue: reason.errorType },
            [parkAttributes.errorMessage]: {
              DataType: 'String',
              StringValue: reason.message.slice(0, MAX_REASON_LENGTH),
            },
            [parkAttributes.sourceMessageId]: { DataType: 'String', StringValue: record.messageId },
          },
        }),
      );
    },
  };
}
