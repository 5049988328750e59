/**
 * Throughput and latency of a local queue drained by an event source mapping with a no-op handler.
 * Run: npx tsx packages/local-queues/bench/queue-throughput.ts [backlogMessages]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSEvent } from 'aws-lambda';
import { createLocalQueue, type LocalQueue, startEventSourceMapping } from '../src/index.js';

const BACKLOG = Number(process.argv[2] ?? 20_000);
const TRICKLE = 5_000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function startNoOp(queue: LocalQueue, latencies: number[]) {
  return startEventSourceMapping({
    queue,
    functionName: 'bench-no-op',
    batchSize: 10,
    maximumConcurrency: 10,
    handler: async (event: SQSEvent) => {
      const now = performance.now();
      for (const record of event.Records) latencies.push(now - Number(record.body));
    },
  });
}

/** Sends the whole backlog first, then measures how fast the mapping drains it. */
async function drain(label: string, dataDir: string | undefined): Promise<void> {
  const queue = createLocalQueue({ name: 'bench-backlog', visibilityTimeoutSeconds: 30, dataDir });
  const sendStarted = performance.now();
  for (let index = 0; index < BACKLOG; index += 1) queue.send(String(performance.now()));
  const sendMs = performance.now() - sendStarted;
  const latencies: number[] = [];
  const drainStarted = performance.now();
  const mapping = startNoOp(queue, latencies);
  await mapping.whenIdle();
  const drainMs = performance.now() - drainStarted;
  await mapping.stop();
  queue.close();
  console.log(
    `${label}: sent ${BACKLOG} in ${sendMs.toFixed(0)} ms (${Math.round(BACKLOG / (sendMs / 1000))} msg/s), ` +
      `drained in ${drainMs.toFixed(0)} ms (${Math.round(BACKLOG / (drainMs / 1000))} msg/s, ` +
      `${mapping.stats().invocations} invocations)`,
  );
}

/** Sends in small bursts with pauses, so latency is the queue's, not a backlog's. */
async function trickle(): Promise<void> {
  const queue = createLocalQueue({ name: 'bench-trickle', visibilityTimeoutSeconds: 30 });
  const latencies: number[] = [];
  const mapping = startNoOp(queue, latencies);
  for (let index = 0; index < TRICKLE; index += 1) {
    queue.send(String(performance.now()));
    if (index % 5 === 4) await sleep(1);
  }
  await mapping.whenIdle();
  await mapping.stop();
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `trickle (${TRICKLE} messages, bursts of 5 every ~1 ms): send → handler start ` +
      `p50 ${percentile(sorted, 0.5).toFixed(3)} ms, p99 ${percentile(sorted, 0.99).toFixed(3)} ms, ` +
      `max ${percentile(sorted, 1).toFixed(3)} ms`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'local-queues-bench-'));
try {
  console.log(
    `node ${process.version}, batch size 10, maximum concurrency 10, batching window 0, no-op handler`,
  );
  await drain('in memory', undefined);
  await drain('journaled (dataDir)', dataDir);
  await trickle();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
