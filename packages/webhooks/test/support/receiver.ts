import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  verified: boolean;
  error?: string;
}

export type Behaviour =
  | { kind: 'verify'; secret: string }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'slow'; delayMs: number };

/**
 * A producer's receiver over real HTTP on loopback. `verify` checks the Standard Webhooks headers with
 * the `standardwebhooks` package's own `verify` (401 when it throws); each path has its own behaviour.
 */
export async function startReceiver() {
  const behaviours = new Map<string, Behaviour>();
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const behaviour = behaviours.get(path) ?? { kind: 'status', status: 204 };
      const entry: Received = { path, headers: flatten(req.headers), body, verified: false };
      received.push(entry);
      if (behaviour.kind === 'slow') {
        setTimeout(() => res.writeHead(204).end(), behaviour.delayMs).unref();
        return;
      }
      if (behaviour.kind === 'status') {
        res.writeHead(behaviour.status, behaviour.headers).end(behaviour.body ?? '');
        return;
      }
      try {
        new Webhook(behaviour.secret).verify(body, entry.headers);
        entry.verified = true;
        res.writeHead(204).end();
      } catch (error) {
        entry.error = error instanceof Error ? error.message : String(error);
        res.writeHead(401).end(entry.error);
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on: (path: string, behaviour: Behaviour) => behaviours.set(path, behaviour),
    received,
    at: (path: string) => received.filter((entry) => entry.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') flat[name] = value;
  }
  return flat;
}

/** A clock tests move by hand. */
export function manualClock(start = new Date()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date: Date) => {
      current = date.getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}
