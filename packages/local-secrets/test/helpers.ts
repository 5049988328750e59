import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type LocalSecretsOptions, startSecretsManagerServer } from '../src/index.js';

/** A hand-moved clock for recovery windows. */
export function manualClock(start = Date.parse('2026-03-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The local endpoint and a real SDK client pointed at it (any credentials: signatures are not checked). */
export async function startEndpoint(options: LocalSecretsOptions = {}) {
  const server = await startSecretsManagerServer({ port: 0, ...options });
  const client = new SecretsManagerClient({
    endpoint: server.url,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    url: server.url,
    client,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

/** What a rejected SDK call threw: its class name and HTTP status, to compare with the API reference. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ name: string; status: number | undefined }> {
  try {
    await call;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return { name: error instanceof Error ? error.name : String(error), status };
  }
  throw new Error('the call succeeded');
}

/** A data dir inside its own temporary folder, so the key file made next to it is removed with it. */
export function temporaryDataDir(): { dataDir: string; remove: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'local-secrets-'));
  return { dataDir: join(parent, 'data'), remove: () => rmSync(parent, { recursive: true, force: true }) };
}
