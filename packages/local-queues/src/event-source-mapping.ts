import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { type BatchOutcome, interpretBatchResponse } from './batch-response.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAXIMUM_BATCHING_WINDOW_SECONDS,
  DEFAULT_MAXIMUM_CONCURRENCY,
  DEFAULT_MEMORY_LIMIT_IN_MB,
  DEFAULT_TIMEOUT_SECONDS,
  MAX_BATCH_SIZE,
  MAX_MAXIMUM_BATCHING_WINDOW_SECONDS,
  MAX_MAXIMUM_CONCURRENCY,
  MAX_TIMEOUT_SECONDS,
  MIN_MAXIMUM_CONCURRENCY,
} from './constants.js';
import { InvalidConfigurationError, MappingStoppedError } from './errors.js';
import { invokeWithTimeout, type SqsFunctionHandler } from './invoke-with-timeout.js';
import { createLambdaContext, newLogStreamName } from './lambda-context.js';
import { assertLambdaEnvironment, type LambdaEnvironment } from './lambda-environment.js';
import type { LocalQueue } from './queue.js';
import { toSqsRecord } from './sqs-record.js';
import type { ReceivedMessage } from './types.js';
import { assertInRange } from './validate.js';

export interface EventSourceMappingOptions {
  /** Must use the system clock: the mapping waits with real timers. */
  queue: LocalQueue;
  handler: SqsFunctionHandler;
  functionName: string;
  /** Default 10, up to 10,000. */
  batchSize?: number;
  /** Default 0, up to 300; fractions are accepted locally. */
  maximumBatchingWindowSeconds?: number;
  /** ScalingConfig.MaximumConcurrency: 2 to 1000. */
  maximumConcurrency?: number;
  /** Function timeout, default 3 s, up to 900 s; fractions are accepted locally. */
  timeoutSeconds?: number;
  memoryLimitInMB?: number;
  /** FunctionResponseTypes: ['ReportBatchItemFailures']; on by default, as every consumer here uses it. */
  reportBatchItemFailures?: boolean;
  /** The function's declared environment; checked against `process.env` (see `applyLambdaEnvironment`). */
  environment?: LambdaEnvironment;
  /** Called after each invocation, e.g. to log it in the local stack. */
  onInvocation?: (report: InvocationReport) => void;
}

export interface InvocationReport {
  readonly functionName: string;
  readonly awsRequestId: string;
  readonly messageIds: readonly string[];
  readonly outcome: BatchOutcome;
  readonly durationMs: number;
}

export interface MappingStats {
  readonly invocations: number;
  readonly recordsSucceeded: number;
  readonly recordsFailed: number;
  readonly peakConcurrency: number;
}

export interface EventSourceMapping {
  readonly uuid: string;
  readonly functionName: string;
  /** Resolves when the queue has nothing visible or in flight and no invocation runs; rejects if stopped first. */
  whenIdle(): Promise<void>;
  /** Stops polling, makes any batch still being gathered visible again, and waits for running invocations. */
  stop(): Promise<void>;
  stats(): MappingStats;
}

class SqsPoller implements EventSourceMapping {
  readonly uuid = randomUUID();
  readonly functionName: string;
  readonly #options: EventSourceMappingOptions;
  readonly #queue: LocalQueue;
  readonly #batchSize: number;
  readonly #windowMs: number;
  readonly #maximumConcurrency: number;
  readonly #timeoutMs: number;
  readonly #logStreamName = newLogStreamName();
  readonly #active = new Set<Promise<void>>();
  readonly #idleWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  readonly #unsubscribe: () => void;
  #running = true;
  #signalled = false;
  #wake: (() => void) | undefined;
  readonly #loop: Promise<void>;
  #stats = { invocations: 0, recordsSucceeded: 0, recordsFailed: 0, peakConcurrency: 0 };

  constructor(options: EventSourceMappingOptions) {
    this.#options = options;
    this.#queue = options.queue;
    this.functionName = options.functionName;
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.#windowMs = (options.maximumBatchingWindowSeconds ?? DEFAULT_MAXIMUM_BATCHING_WINDOW_SECONDS) * 1000;
    this.#maximumConcurrency = options.maximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
    this.#timeoutMs = (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    assertInRange('batchSize', this.#batchSize, { min: 1, max: MAX_BATCH_SIZE, integer: true });
    assertInRange('maximumBatchingWindowSeconds', this.#windowMs / 1000, {
      min: 0,
      max: MAX_MAXIMUM_BATCHING_WINDOW_SECONDS,
    });
    assertInRange('maximumConcurrency', this.#maximumConcurrency, {
      min: MIN_MAXIMUM_CONCURRENCY,
      max: MAX_MAXIMUM_CONCURRENCY,
      integer: true,
    });
    assertInRange('timeoutSeconds', this.#timeoutMs / 1000, { min: 0.001, max: MAX_TIMEOUT_SECONDS });
    // CreateEventSourceMapping refuses a queue whose visibility timeout is shorter than the function timeout:
    // the batch would become visible again, and be delivered twice, while the first invocation still runs.
    if (this.#queue.visibilityTimeoutSeconds * 1000 < this.#timeoutMs) {
      throw new InvalidConfigurationError(
        'timeoutSeconds',
        `Queue visibility timeout: ${this.#queue.visibilityTimeoutSeconds} seconds is less than Function timeout: ${this.#timeoutMs / 1000} seconds`,
      );
    }
    if (options.environment !== undefined) assertLambdaEnvironment(options.environment);
    this.#unsubscribe = this.#queue.onAvailable(() => this.#signal());
    this.#loop = this.#poll();
  }

  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    if (!this.#running) return Promise.reject(new MappingStoppedError(this.functionName));
    return new Promise((resolve, reject) => this.#idleWaiters.push({ resolve, reject }));
  }

  async stop(): Promise<void> {
    if (this.#running) {
      this.#running = false;
      this.#unsubscribe();
      this.#signal();
    }
    await this.#loop;
    await Promise.allSettled([...this.#active]);
    this.#settleIdleWaiters();
  }

  stats(): MappingStats {
    return { ...this.#stats };
  }

  async #poll(): Promise<void> {
    while (this.#running) {
      if (this.#active.size >= this.#maximumConcurrency) {
        await this.#sleepUntil(undefined);
        continue;
      }
      const batch = await this.#gatherBatch();
      if (!this.#running) {
        for (const message of batch) this.#queue.changeVisibility(message.receiptHandle, 0);
        break;
      }
      if (batch.length > 0) {
        this.#dispatch(batch);
        continue;
      }
      this.#settleIdleWaiters();
      await this.#sleepUntil(this.#queue.nextVisibleAt());
    }
  }

  /** Lambda invokes when the batch is full or the batching window, counted from the first record, closes. */
  async #gatherBatch(): Promise<ReceivedMessage[]> {
    this.#signalled = false;
    const batch = this.#queue.receive(this.#batchSize);
    if (batch.length === 0 || this.#windowMs === 0) return batch;
    const deadline = Date.now() + this.#windowMs;
    while (this.#running && batch.length < this.#batchSize && Date.now() < deadline) {
      await this.#sleepUntil(deadline);
      batch.push(...this.#queue.receive(this.#batchSize - batch.length));
    }
    return latestReceipts(batch);
  }

  #dispatch(batch: ReceivedMessage[]): void {
    const invocation: Promise<void> = this.#invoke(batch).finally(() => {
      this.#active.delete(invocation);
      this.#signal();
      this.#settleIdleWaiters();
    });
    this.#active.add(invocation);
    this.#stats.peakConcurrency = Math.max(this.#stats.peakConcurrency, this.#active.size);
  }

  async #invoke(batch: readonly ReceivedMessage[]): Promise<void> {
    const startedAt = Date.now();
    const awsRequestId = randomUUID();
    const event: SQSEvent = { Records: batch.map((message) => toSqsRecord(message, this.#queue)) };
    const context = createLambdaContext({
      functionName: this.functionName,
      region: this.#queue.region,
      memoryLimitInMB: this.#options.memoryLimitInMB ?? DEFAULT_MEMORY_LIMIT_IN_MB,
      awsRequestId,
      deadline: startedAt + this.#timeoutMs,
      logStreamName: this.#logStreamName,
    });
    this.#stats.invocations += 1;
    const result = await invokeWithTimeout(this.#options.handler, event, context, this.#timeoutMs);
    const messageIds = batch.map((message) => message.messageId);
    const outcome: BatchOutcome = result.ok
      ? interpretBatchResponse(
          result.value,
          new Set(messageIds),
          this.#options.reportBatchItemFailures ?? true,
        )
      : { kind: 'failure', reason: result.reason };
    this.#settle(batch, outcome);
    this.#options.onInvocation?.({
      functionName: this.functionName,
      awsRequestId,
      messageIds,
      outcome,
      durationMs: Date.now() - startedAt,
    });
  }

  /** Deletes what succeeded; failed messages stay in flight and come back when their visibility expires. */
  #settle(batch: readonly ReceivedMessage[], outcome: BatchOutcome): void {
    for (const message of batch) {
      const failed =
        outcome.kind === 'failure' ||
        (outcome.kind === 'partial' && outcome.failedMessageIds.has(message.messageId));
      if (!failed) {
        this.#queue.delete(message.receiptHandle);
        this.#stats.recordsSucceeded += 1;
        continue;
      }
      const reason =
        outcome.kind === 'failure' ? outcome.reason : `Reported in batchItemFailures by ${this.functionName}`;
      this.#queue.recordFailure(message.receiptHandle, reason);
      this.#stats.recordsFailed += 1;
    }
  }

  /** Waits for a queue signal, an invocation ending, `stop()`, or the given epoch ms. */
  #sleepUntil(until: number | undefined): Promise<void> {
    if (this.#signalled || !this.#running) {
      this.#signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        this.#signalled = false;
        resolve();
      };
      if (until !== undefined) timer = setTimeout(wake, Math.max(0, until - Date.now()) + 1);
      this.#wake = wake;
    });
  }

  #signal(): void {
    this.#signalled = true;
    this.#wake?.();
  }

  #isIdle(): boolean {
    const depth = this.#queue.depth();
    return depth.visible === 0 && depth.inFlight === 0 && this.#active.size === 0;
  }

  #settleIdleWaiters(): void {
    if (this.#idleWaiters.length === 0) return;
    const idle = this.#isIdle();
    if (!idle && this.#running) return;
    for (const waiter of this.#idleWaiters.splice(0)) {
      if (idle) waiter.resolve();
      else waiter.reject(new MappingStoppedError(this.functionName));
    }
  }
}

/**
 * A window longer than the visibility timeout can receive a message twice; only its latest receipt is current,
 * and a batch never carries the same message twice.
 */
function latestReceipts(batch: readonly ReceivedMessage[]): ReceivedMessage[] {
  const byId = new Map<string, ReceivedMessage>();
  for (const message of batch) {
    byId.delete(message.messageId);
    byId.set(message.messageId, message);
  }
  return [...byId.values()];
}

/**
 * Starts polling `queue` and invoking `handler` the way Lambda's SQS event source mapping does.
 *
 * @example
 * const mapping = startEventSourceMapping({
 *   queue,
 *   handler,
 *   functionName: 'listing-sync-shopee',
 *   batchSize: 10,
 *   maximumBatchingWindowSeconds: 1,
 *   maximumConcurrency: 2,
 *   timeoutSeconds: 30,
 * });
 * await mapping.whenIdle();
 * await mapping.stop();
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  return new SqsPoller(options);
}
