import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';
import { type Channel, channels } from '@ocop-sync/domain';
import type { Clients } from '../target/clients.js';
import { deadLetterQueueName, type Target } from '../target/target.js';
import { listParked, queueUrlOf } from './parked-messages.js';

export interface QueueStatus {
  route: string;
  /** The marketplace a per-channel route serves (listing-sync-shopee → shopee). */
  channel: Channel | undefined;
  queueName: string;
  visible: number;
  inFlight: number;
  /** Seconds; undefined on AWS, where it is the CloudWatch metric ApproximateAgeOfOldestMessage. */
  oldestMessageAgeSeconds: number | undefined;
  deadLetters: number;
  /** The newest reasons parked in the DLQ (at most three). */
  lastErrors: string[];
}

/** Asked by name: SQS ignores it (not a queue attribute), the local endpoint answers it (seconds). */
const OLDEST_AGE = 'ApproximateAgeOfOldestMessage';

export function channelOf(route: string): Channel | undefined {
  return channels.find((channel) => route.endsWith(`-${channel}`));
}

async function attributes(sqs: SQSClient, queueUrl: string, withAge: boolean) {
  const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'];
  if (withAge) names.push(OLDEST_AGE);
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: names as QueueAttributeName[] }),
  );
  const read = (name: string): number | undefined => {
    const value = (Attributes as Record<string, string | undefined>)[name];
    return value === undefined ? undefined : Number(value);
  };
  return {
    visible: read('ApproximateNumberOfMessages') ?? 0,
    inFlight: read('ApproximateNumberOfMessagesNotVisible') ?? 0,
    oldestAge: read(OLDEST_AGE),
  };
}

/** `ocop-sync status`: every queue route's depth, in-flight count, oldest message and its DLQ. */
export async function readQueueStatus(context: { target: Target; clients: Clients }): Promise<QueueStatus[]> {
  const { sqs } = context.clients;
  return Promise.all(
    context.target.routes.map(async (route) => {
      const queueName = context.target.queueName(route.name);
      const [queueUrl, deadLetterUrl] = await Promise.all([
        queueUrlOf(sqs, queueName),
        queueUrlOf(sqs, deadLetterQueueName(queueName)),
      ]);
      const [queue, deadLetter] = await Promise.all([
        attributes(sqs, queueUrl, context.target.kind === 'local'),
        attributes(sqs, deadLetterUrl, false),
      ]);
      const deadLetters = deadLetter.visible + deadLetter.inFlight;
      const parked = deadLetters > 0 ? await listParked(sqs, deadLetterUrl, { limit: 20 }) : [];
      return {
        route: route.name,
        channel: channelOf(route.name),
        queueName,
        visible: queue.visible,
        inFlight: queue.inFlight,
        oldestMessageAgeSeconds: queue.oldestAge,
        deadLetters,
        lastErrors: parked
          .slice(-3)
          .reverse()
          .map(
            (message) =>
              `${message.detailType}: ${message.errorType ? `${message.errorType}: ` : ''}${message.reason}`,
          ),
      };
    }),
  );
}
