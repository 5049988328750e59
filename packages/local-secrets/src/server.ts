import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invoke } from './endpoint.js';
import { ServiceError } from './errors.js';
import type { SecretsManagerServer, SecretsManagerServerOptions } from './types.js';
import { SecretVault } from './vault.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Far above any request this API takes (a 64 KiB value, base64): refuses a runaway body. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * A local AWS Secrets Manager endpoint for the real SDK client (`endpoint: url`, any credentials: signatures
 * are not checked). Errors carry `__type` and `Message`, as the SDK's JSON 1.1 protocol reads them into its
 * exception classes (`ResourceNotFoundException`, …).
 *
 * @example
 * const server = await startSecretsManagerServer({ port: 0, dataDir: '.local/secrets' });
 * const client = new SecretsManagerClient({ endpoint: server.url, region: 'ap-southeast-1' });
 * await server.close();
 */
export async function startSecretsManagerServer(
  options: SecretsManagerServerOptions = {},
): Promise<SecretsManagerServer> {
  const vault = new SecretVault(options);
  const server = createServer((request, response) => {
    void handle(vault, request, response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

async function handle(vault: SecretVault, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.method !== 'POST') throw new ServiceError('InvalidAction', 'Only POST is served.');
    const body = await readBody(request);
    const target = request.headers['x-amz-target'];
    send(response, 200, invoke(vault, Array.isArray(target) ? target[0] : target, body));
  } catch (error) {
    // Anything else is a bug of this endpoint: its details stay here, never in the response.
    const failure =
      error instanceof ServiceError
        ? error
        : new ServiceError('InternalServiceError', 'An error occurred on the server side.');
    send(response, failure.status, { __type: failure.type, Message: failure.message }, failure.type);
  }
}

function send(response: ServerResponse, status: number, payload: object, errorType?: string): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new ServiceError('InvalidParameterException', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
