import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EVENT_BUS_NAME, LEDGER_TABLE_NAME, LOCAL_REGION } from './constants.js';
import type { LocalStack } from './local-stack.js';

/**
 * Where a running local stack tells other tools (the `ocop-sync --local` CLI) how to reach it, relative to
 * the directory it was started in. Git ignores the folder; the file is removed when the stack stops.
 */
export const ENDPOINTS_FILE = join('.ocop-sync', 'local-stack.json');

/** The file's contents (version 1): the CLI reads exactly these fields. */
export interface EndpointsFileContents {
  version: 1;
  pid: number;
  startedAt: string;
  region: string;
  eventBusName: string;
  ledgerTableName: string;
  endpoints: { eventBridge: string; dynamodb: string; sqs: string };
  queues: string[];
}

export function endpointsFileContents(stack: LocalStack): EndpointsFileContents {
  return {
    version: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    region: LOCAL_REGION,
    eventBusName: EVENT_BUS_NAME,
    ledgerTableName: LEDGER_TABLE_NAME,
    endpoints: {
      eventBridge: stack.endpoints.eventBridge,
      dynamodb: stack.endpoints.dynamodb,
      sqs: stack.endpoints.sqs,
    },
    queues: stack.routes.map((running) => running.route.name),
  };
}

/** Writes the endpoints file under `directory` and returns a function that removes it. */
export function writeEndpointsFile(stack: LocalStack, directory = process.cwd()): () => void {
  const path = join(directory, ENDPOINTS_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(endpointsFileContents(stack), null, 2)}\n`, 'utf8');
  return () => rmSync(path, { force: true });
}
