import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { DEFAULT_TIMEOUTS, MAX_RESPONSE_BODY_BYTES } from './constants.js';
import { DestinationRefusedError } from './errors.js';
import { resolveAllowed, systemResolver, validateEndpointUrl } from './ssrf-guard.js';
import type { HostResolver, HttpTransport, OutboundRequest, SecurityMode, TransportResult } from './types.js';

export interface HttpTransportOptions {
  mode: SecurityMode;
  /** DNS, injected in tests; the system resolver otherwise. */
  resolver?: HostResolver;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Sockets per host kept by the agents (keep-alive). */
  maxSockets?: number;
}

export interface ClosableTransport {
  send: HttpTransport;
  /** Closes the agents' idle sockets. */
  close(): void;
}

class TimeoutError extends Error {
  readonly code: string;
  constructor(code: 'connect-timeout' | 'request-timeout') {
    super(code);
    this.code = code;
  }
}

/**
 * An HTTP(S) POST transport whose agents resolve hosts through the SSRF guard at connection time:
 * the address checked is the address connected to, so a DNS answer that changes between
 * registration and delivery (rebinding) is refused. IP literals never reach `lookup` and are checked
 * from the URL. Redirects are not followed. Network outcomes are results, never exceptions.
 *
 * @example
 * const transport = createHttpTransport({ mode: 'production' });
 * const result = await transport.send({ url, headers, body });
 */
export function createHttpTransport(options: HttpTransportOptions): ClosableTransport {
  const lookup = guardedLookup(options.mode, options.resolver ?? systemResolver);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50, lookup };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const settings = {
    mode: options.mode,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUTS.requestMs,
    maxBodyBytes: options.maxBodyBytes ?? MAX_RESPONSE_BODY_BYTES,
  };
  return {
    send: (request) => post(request, settings, agents),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

type Settings = {
  mode: SecurityMode;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxBodyBytes: number;
};

function post(
  request: OutboundRequest,
  settings: Settings,
  agents: { http: http.Agent; https: https.Agent },
): Promise<TransportResult> {
  let url: URL;
  try {
    url = validateEndpointUrl(request.url, settings.mode);
  } catch {
    return Promise.resolve({ kind: 'error', error: 'destination-refused', code: 'refused-url' });
  }
  const secure = url.protocol === 'https:';
  return new Promise((resolve) => {
    const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
    const requestOptions = { method: 'POST', headers, agent: secure ? agents.https : agents.http };
    const req = (secure ? https : http).request(url, requestOptions);
    const clearTimers = armTimeouts(req, settings);
    let responded = false;
    const settle = (result: TransportResult) => {
      clearTimers();
      resolve(result);
    };
    // Once headers arrived, the body reader owns the outcome (dropping a capped body aborts the request).
    req.on('error', (error) => {
      if (!responded) settle(transportError(error));
    });
    req.on('response', (response) => {
      responded = true;
      readCappedBody(response, settings.maxBodyBytes).then(
        (body) => settle(responseResult(response, body)),
        (error: unknown) => settle(transportError(error)),
      );
    });
    req.end(request.body);
  });
}

/** A connect timer (until the socket connects) and a whole-request timer; returns a canceller. */
function armTimeouts(req: ClientRequest, settings: Settings): () => void {
  const total = setTimeout(() => req.destroy(new TimeoutError('request-timeout')), settings.requestTimeoutMs);
  let connect: NodeJS.Timeout | undefined;
  req.on('socket', (socket) => {
    if (!socket.connecting) return;
    connect = setTimeout(() => req.destroy(new TimeoutError('connect-timeout')), settings.connectTimeoutMs);
    socket.once('connect', () => clearTimeout(connect));
  });
  return () => {
    clearTimeout(total);
    clearTimeout(connect);
  };
}

/** Reads at most `cap` bytes, then drops the connection rather than read a large or endless body. */
function readCappedBody(response: IncomingMessage, cap: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= cap) {
        resolve(Buffer.concat(chunks).subarray(0, cap).toString('utf8'));
        response.destroy();
      }
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('response aborted')));
  });
}

function responseResult(response: IncomingMessage, body: string): TransportResult {
  const retryAfter = response.headers['retry-after'];
  return {
    kind: 'response',
    statusCode: response.statusCode ?? 0,
    body,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

function transportError(error: unknown): TransportResult {
  if (error instanceof DestinationRefusedError)
    return { kind: 'error', error: 'destination-refused', code: 'refused-address' };
  if (error instanceof TimeoutError) return { kind: 'error', error: 'timeout', code: error.code };
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
  return { kind: 'error', error: 'connection-error', code };
}

/** `lookup` for the agents: resolves through the injected resolver and refuses any address the guard refuses. */
export function guardedLookup(mode: SecurityMode, resolver: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, mode, resolver).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = addresses.filter((entry) => wanted === undefined || entry.family === wanted);
        const first = usable[0];
        if (first === undefined) {
          callback(new DestinationRefusedError('no address of the requested family'), '', 0);
        } else if (options.all) {
          callback(
            null,
            usable.map((entry) => ({ address: entry.address, family: entry.family })),
          );
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(asErrno(error), '', 0),
    );
  };
}

function asErrno(error: unknown): NodeJS.ErrnoException {
  return error instanceof Error ? error : new Error('lookup failed');
}
