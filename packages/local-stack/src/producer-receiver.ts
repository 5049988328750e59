import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';

/** One webhook message as a producer's receiver got it, after checking the signature. */
export interface ReceivedMessage {
  readonly producerId: string;
  readonly messageId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  /** False when the signature did not verify (the receiver answered 400 and ignores it). */
  readonly verified: boolean;
}

export interface ProducerReceiver {
  readonly url: string;
  /** Where a producer's endpoint points: `${url}/producers/<producerId>`. */
  endpointFor(producerId: string): string;
  /** The secret the producer was shown when the endpoint was registered. */
  trust(producerId: string, secret: string): void;
  /** Every delivery so far, verified or not, in arrival order. */
  received(): readonly ReceivedMessage[];
  close(): Promise<void>;
}

const payload = z.object({ type: z.string(), data: z.record(z.string(), z.unknown()) });

/**
 * A producer's webhook receiver, as a cooperative's developer would write it: it verifies every message with
 * the off-the-shelf `standardwebhooks` library and the secret it was given, answers 204, and keeps the
 * message. Used by the demo and the end-to-end tests to see what producers really get.
 */
export async function startProducerReceiver(): Promise<ProducerReceiver> {
  const secrets = new Map<string, Webhook>();
  const received: ReceivedMessage[] = [];
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        const producerId = decodeURIComponent(
          (request.url ?? '').replace(/^\/producers\//, '').split('?')[0] ?? '',
        );
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value ?? '')]),
        );
        const verifier = secrets.get(producerId);
        let verified = false;
        try {
          verifier?.verify(body, headers);
          verified = verifier !== undefined;
        } catch {
          verified = false;
        }
        const parsed = payload.safeParse(safeJson(body));
        received.push({
          producerId,
          messageId: headers['webhook-id'] ?? '',
          type: parsed.success ? parsed.data.type : 'unparseable',
          data: parsed.success ? parsed.data.data : {},
          verified,
        });
        response.writeHead(verified ? 204 : 400).end();
      },
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpointFor: (producerId) => `${url}/producers/${encodeURIComponent(producerId)}`,
    trust: (producerId, secret) => secrets.set(producerId, new Webhook(secret)),
    received: () => [...received],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
