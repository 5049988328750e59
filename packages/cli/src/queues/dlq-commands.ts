import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Clients } from '../target/clients.js';
import { deadLetterQueueName, type Target } from '../target/target.js';
import {
  listParked,
  type ParkedMessage,
  queueUrlOf,
  type RedriveReport,
  redriveParked,
} from './parked-messages.js';

type Context = { target: Target; clients: Clients };

/** The routes a DLQ command acts on: one (`--queue certification`) or all of them. */
export function selectRoutes(target: Target, queue: string | undefined): string[] {
  const names = target.routes.map((route) => route.name);
  if (queue === undefined) return names;
  const wanted = names.find((name) => name === queue || target.queueName(name) === queue);
  if (wanted === undefined) throw new Error(`unknown queue ${queue}; one of: ${names.join(', ')}`);
  return [wanted];
}

export async function listDeadLetters(
  context: Context,
  queue: string | undefined,
): Promise<Array<{ queueName: string; messages: ParkedMessage[] }>> {
  const results = [];
  for (const route of selectRoutes(context.target, queue)) {
    const queueName = deadLetterQueueName(context.target.queueName(route));
    const messages = await listParked(context.clients.sqs, await queueUrlOf(context.clients.sqs, queueName));
    results.push({ queueName, messages });
  }
  return results;
}

export async function findDeadLetter(
  context: Context,
  messageId: string,
  queue: string | undefined,
): Promise<{ queueName: string; message: ParkedMessage } | undefined> {
  for (const { queueName, messages } of await listDeadLetters(context, queue)) {
    const message = messages.find(
      (candidate) => candidate.messageId === messageId || candidate.messageId.startsWith(messageId),
    );
    if (message) return { queueName, message };
  }
  return undefined;
}

export async function redriveDeadLetters(
  context: Context,
  options: { queue?: string | undefined; messageIds?: readonly string[] | undefined } = {},
): Promise<Array<{ queueName: string; report: RedriveReport }>> {
  const { sqs } = context.clients;
  const results = [];
  for (const route of selectRoutes(context.target, options.queue)) {
    const queueName = context.target.queueName(route);
    const deadLetterUrl = await queueUrlOf(sqs, deadLetterQueueName(queueName));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: deadLetterUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    const parked = Number(Attributes.ApproximateNumberOfMessages ?? '0');
    if (parked === 0) continue;
    const report = await redriveParked(sqs, deadLetterUrl, await queueUrlOf(sqs, queueName), {
      max: parked,
      messageIds: options.messageIds,
    });
    results.push({ queueName, report });
  }
  return results;
}
