import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalQueue, MessageAttributesInput } from '@ocop-sync/local-queues';
import type { SQSMessageAttributes } from 'aws-lambda';
import { z } from 'zod';
import { LOCAL_ACCOUNT } from './constants.js';

/**
 * A minimal SQS endpoint over the local queues, in the AWS JSON 1.0 protocol that `@aws-sdk/client-sqs` v3
 * speaks (`POST /`, `X-Amz-Target: AmazonSQS.<Operation>`). It exists so the runtime's dead-letter parker
 * (SendMessage) and the AWS CLI can reach the local queues; signatures are not checked.
 */
export interface SqsServer {
  readonly url: string;
  queueUrl(queueName: string): string;
  close(): Promise<void>;
}

class SqsWireError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SqsWireError';
  }
}

const wireAttribute = z.object({
  DataType: z.string(),
  StringValue: z.string().optional(),
  BinaryValue: z.string().optional(),
});
const queueUrlRequest = z.object({ QueueUrl: z.string().min(1) });
const sendRequest = queueUrlRequest.extend({
  MessageBody: z.string().min(1),
  MessageAttributes: z.record(z.string(), wireAttribute).optional(),
});
const receiveRequest = queueUrlRequest.extend({
  MaxNumberOfMessages: z.number().int().min(1).max(10).optional(),
  VisibilityTimeout: z.number().int().min(0).optional(),
});
const deleteRequest = queueUrlRequest.extend({ ReceiptHandle: z.string().min(1) });
const changeVisibilityRequest = deleteRequest.extend({
  VisibilityTimeout: z.number().int().min(0).max(43_200),
});
const changeVisibilityBatchRequest = queueUrlRequest.extend({
  Entries: z
    .array(
      z.object({
        Id: z.string().min(1),
        ReceiptHandle: z.string().min(1),
        VisibilityTimeout: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(10),
});
const getAttributesRequest = queueUrlRequest.extend({ AttributeNames: z.array(z.string()).optional() });
const getQueueUrlRequest = z.object({ QueueName: z.string().min(1) });
const listQueuesRequest = z.object({ QueueNamePrefix: z.string().optional() });

type Operation = (body: unknown) => unknown;

/** Local-only GetQueueAttributes name (seconds), named after the CloudWatch metric it stands in for. */
export const LOCAL_OLDEST_MESSAGE_AGE_ATTRIBUTE = 'ApproximateAgeOfOldestMessage';

/** Message attributes in SQS's JSON wire form (ReceiveMessage `MessageAttributes`). */
function wireAttributesOf(attributes: SQSMessageAttributes, md5: string | undefined) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return {};
  const wire: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
  for (const [name, value] of entries) {
    wire[name] = {
      DataType: value.dataType,
      ...(value.stringValue !== undefined ? { StringValue: value.stringValue } : {}),
      ...(value.binaryValue !== undefined ? { BinaryValue: value.binaryValue } : {}),
    };
  }
  return { MessageAttributes: wire, ...(md5 ? { MD5OfMessageAttributes: md5 } : {}) };
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SqsWireError(
      'InvalidParameterValue',
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

function toAttributes(wire: z.infer<typeof sendRequest>['MessageAttributes']): MessageAttributesInput {
  const attributes: MessageAttributesInput = {};
  for (const [name, value] of Object.entries(wire ?? {})) {
    attributes[name] = {
      dataType: value.DataType,
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
    };
  }
  return attributes;
}

function operations(queues: ReadonlyMap<string, LocalQueue>, urlOf: (name: string) => string) {
  const queueFor = (queueUrl: string): LocalQueue => {
    const name = queueUrl.split('/').pop() ?? '';
    const queue = queues.get(name);
    if (!queue)
      throw new SqsWireError(
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    return queue;
  };
  const table: Readonly<Record<string, Operation>> = {
    SendMessage: (body) => {
      const request = parse(sendRequest, body);
      const messageId = queueFor(request.QueueUrl).send(
        request.MessageBody,
        toAttributes(request.MessageAttributes),
      );
      return { MessageId: messageId, MD5OfMessageBody: md5(request.MessageBody) };
    },
    ReceiveMessage: (body) => {
      const request = parse(receiveRequest, body);
      const options =
        request.VisibilityTimeout !== undefined
          ? { visibilityTimeoutSeconds: request.VisibilityTimeout }
          : {};
      const messages = queueFor(request.QueueUrl).receive(request.MaxNumberOfMessages ?? 1, options);
      return {
        Messages: messages.map((message) => ({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          MD5OfBody: message.md5OfBody,
          Body: message.body,
          Attributes: {
            ApproximateReceiveCount: String(message.receiveCount),
            SentTimestamp: String(message.sentTimestamp),
            ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
            // As SQS does for a message its redrive policy moved: where it came from.
            ...(message.deadLetterSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterSourceArn } : {}),
          },
          ...wireAttributesOf(message.messageAttributes, message.md5OfMessageAttributes),
        })),
      };
    },
    DeleteMessage: (body) => {
      const request = parse(deleteRequest, body);
      const outcome = queueFor(request.QueueUrl).delete(request.ReceiptHandle);
      if (!outcome.ok) throw new SqsWireError('ReceiptHandleIsInvalid', outcome.reason);
      return {};
    },
    ChangeMessageVisibility: (body) => {
      const request = parse(changeVisibilityRequest, body);
      const outcome = queueFor(request.QueueUrl).changeVisibility(
        request.ReceiptHandle,
        request.VisibilityTimeout,
      );
      if (!outcome.ok) throw new SqsWireError('ReceiptHandleIsInvalid', outcome.reason);
      return {};
    },
    ChangeMessageVisibilityBatch: (body) => {
      const request = parse(changeVisibilityBatchRequest, body);
      const queue = queueFor(request.QueueUrl);
      const Successful: Array<{ Id: string }> = [];
      const Failed: Array<{ Id: string; Code: string; Message: string; SenderFault: boolean }> = [];
      for (const entry of request.Entries) {
        const outcome = queue.changeVisibility(entry.ReceiptHandle, entry.VisibilityTimeout);
        if (outcome.ok) Successful.push({ Id: entry.Id });
        else
          Failed.push({
            Id: entry.Id,
            Code: 'ReceiptHandleIsInvalid',
            Message: outcome.reason,
            SenderFault: true,
          });
      }
      return { Successful, Failed };
    },
    GetQueueUrl: (body) => {
      const request = parse(getQueueUrlRequest, body);
      if (!queues.has(request.QueueName)) {
        throw new SqsWireError(
          'AWS.SimpleQueueService.NonExistentQueue',
          'The specified queue does not exist.',
        );
      }
      return { QueueUrl: urlOf(request.QueueName) };
    },
    GetQueueAttributes: (body) => {
      const request = parse(getAttributesRequest, body);
      const queue = queueFor(request.QueueUrl);
      const depth = queue.depth();
      const attributes: Record<string, string> = {
        QueueArn: queue.arn,
        ApproximateNumberOfMessages: String(depth.visible),
        ApproximateNumberOfMessagesNotVisible: String(depth.inFlight),
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      };
      // Not an SQS attribute: on AWS the oldest message's age is the CloudWatch metric
      // ApproximateAgeOfOldestMessage. Locally it is returned here, only when asked for by name.
      if (request.AttributeNames?.includes(LOCAL_OLDEST_MESSAGE_AGE_ATTRIBUTE)) {
        attributes[LOCAL_OLDEST_MESSAGE_AGE_ATTRIBUTE] = String(Math.floor(depth.oldestMessageAgeMs / 1000));
      }
      return { Attributes: attributes };
    },
    ListQueues: (body) => {
      const prefix = parse(listQueuesRequest, body).QueueNamePrefix ?? '';
      return { QueueUrls: [...queues.keys()].filter((name) => name.startsWith(prefix)).map(urlOf) };
    },
  };
  return table;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new SqsWireError('SerializationException', 'The request body is not valid JSON.');
  }
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}

/** Serves `queues` (by name) on 127.0.0.1; queue URLs are `<url>/000000000000/<name>`. */
export async function startSqsServer(queues: ReadonlyMap<string, LocalQueue>, port = 0): Promise<SqsServer> {
  let baseUrl = '';
  const urlOf = (name: string) => `${baseUrl}/${LOCAL_ACCOUNT}/${name}`;
  const table = operations(queues, urlOf);
  const server = createServer((request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = table[target.replace(/^AmazonSQS\./, '')];
    void (async () => {
      try {
        if (request.method !== 'POST' || !operation) {
          throw new SqsWireError(
            'UnsupportedOperation',
            `Operation ${target || '(none)'} is not supported locally.`,
          );
        }
        reply(response, 200, operation(await readBody(request)));
      } catch (error) {
        const wire =
          error instanceof SqsWireError ? error : new SqsWireError('InternalError', 'internal error', 500);
        response.setHeader('x-amzn-query-error', `${wire.type};Sender`);
        reply(response, wire.status, { __type: `com.amazonaws.sqs#${wire.type}`, message: wire.message });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    queueUrl: urlOf,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
