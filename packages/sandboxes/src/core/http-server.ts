import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES } from '../constants.js';
import type { SandboxRequest, SandboxResponse } from './http-types.js';

export type Answer =
  | { readonly kind: 'respond'; readonly response: SandboxResponse }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang'; readonly ms: number };

export type RequestHandler = (request: SandboxRequest) => Promise<Answer>;

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A node:http server that hands complete requests (raw body kept) to `handler` and carries out its answer. */
export async function startHttpServer(
  host: string,
  port: number,
  handler: RequestHandler,
): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing, handler, timers);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serve(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handler: RequestHandler,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  const rawBody = await readBody(incoming);
  if (rawBody === undefined) {
    write(outgoing, { status: 413, body: { error: 'payload_too_large' } });
    return;
  }
  const url = new URL(incoming.url ?? '/', 'http://sandbox.invalid');
  const answer = await handler({
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    rawBody,
    bodyText: rawBody.toString('utf8'),
  });
  if (answer.kind === 'respond') write(outgoing, answer.response);
  else if (answer.kind === 'drop') incoming.socket.destroy();
  else hold(incoming, answer.ms, timers);
}

function hold(incoming: IncomingMessage, ms: number, timers: Set<NodeJS.Timeout>): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    incoming.socket.destroy();
  }, ms);
  timers.add(timer);
}

async function readBody(incoming: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function write(outgoing: ServerResponse, response: SandboxResponse): void {
  const isText = typeof response.body === 'string';
  const payload =
    response.body === undefined ? '' : isText ? String(response.body) : JSON.stringify(response.body);
  outgoing.writeHead(response.status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    ...response.headers,
  });
  outgoing.end(payload);
}
