import { systemClock } from './clock.js';
import {
  DEFAULT_PEEK_LIMIT,
  DEFAULT_REGION,
  DEFAULT_SENDER_ID,
  DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
  LOCAL_ACCOUNT_ID,
  MAX_MAX_RECEIVE_COUNT,
  MAX_VISIBILITY_TIMEOUT_SECONDS,
  MIN_MAX_RECEIVE_COUNT,
  QUEUE_NAME_PATTERN,
} from './constants.js';
import { InvalidConfigurationError } from './errors.js';
import { describeError } from './failure-reason.js';
import { type Journal, type JournalEntry, memoryJournal, openFileJournal } from './journal.js';
import { type MessageAttributesInput, messageAttributesSchema } from './message-attributes.js';
import { newReceiptHandle, newStoredMessage, toMessageView, toReceivedMessage } from './message-views.js';
import type {
  Clock,
  MessageView,
  QueueDepth,
  ReceiptOutcome,
  ReceivedMessage,
  RedriveResult,
  StoredMessage,
} from './types.js';
import { assertInRange } from './validate.js';

/** A redrive policy needs both halves; the compiler refuses one without the other. */
export type RedrivePolicyOptions =
  | { deadLetterQueue: LocalQueue; maxReceiveCount: number }
  | { deadLetterQueue?: undefined; maxReceiveCount?: undefined };

export type LocalQueueOptions = {
  /** SQS queue name rules: 1–80 of A–Z, a–z, 0–9, `-`, `_` (also the journal's file name). */
  name: string;
  /** Fractions are accepted locally so specifications can run in milliseconds. */
  visibilityTimeoutSeconds?: number;
  /** Keep the queue in `<dataDir>/<name>.jsonl` across restarts; in memory when omitted. */
  dataDir?: string;
  clock?: Clock;
  region?: string;
  senderId?: string;
} & RedrivePolicyOptions;

interface LiveMessage {
  stored: StoredMessage;
  /** Epoch ms from which the message may be received again. */
  visibleAt: number;
  receiptHandle: string | undefined;
}

const NOT_CURRENT: ReceiptOutcome = { ok: false, reason: 'receipt-handle-not-current' };

/**
 * A standard SQS queue in one process: visibility timeout, receive counts, a redrive policy to a dead-letter
 * queue, dead-letter redrive, and an optional journal so it survives a restart.
 */
export class LocalQueue {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly visibilityTimeoutSeconds: number;
  readonly #clock: Clock;
  readonly #senderId: string;
  readonly #redrive: { deadLetterQueue: LocalQueue; maxReceiveCount: number } | undefined;
  readonly #journal: Journal;
  /** Insertion order is the order messages entered this queue, so the first entry is the oldest. */
  readonly #messages = new Map<string, LiveMessage>();
  readonly #ready = new Set<string>();
  readonly #inFlight = new Set<string>();
  readonly #byReceipt = new Map<string, string>();
  readonly #listeners = new Set<() => void>();

  constructor(options: LocalQueueOptions) {
    if (!QUEUE_NAME_PATTERN.test(options.name)) {
      throw new InvalidConfigurationError('name', `"${options.name}" is not a valid SQS queue name`);
    }
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
    assertInRange('visibilityTimeoutSeconds', this.visibilityTimeoutSeconds, {
      min: 0,
      max: MAX_VISIBILITY_TIMEOUT_SECONDS,
    });
    if (options.deadLetterQueue !== undefined) {
      assertInRange('maxReceiveCount', options.maxReceiveCount, {
        min: MIN_MAX_RECEIVE_COUNT,
        max: MAX_MAX_RECEIVE_COUNT,
        integer: true,
      });
      if (options.deadLetterQueue.name === options.name) {
        throw new InvalidConfigurationError('deadLetterQueue', 'a queue cannot be its own dead-letter queue');
      }
      this.#redrive = { deadLetterQueue: options.deadLetterQueue, maxReceiveCount: options.maxReceiveCount };
    }
    this.name = options.name;
    this.region = options.region ?? DEFAULT_REGION;
    this.arn = `arn:aws:sqs:${this.region}:${LOCAL_ACCOUNT_ID}:${this.name}`;
    this.#clock = options.clock ?? systemClock;
    this.#senderId = options.senderId ?? DEFAULT_SENDER_ID;
    if (options.dataDir === undefined) {
      this.#journal = memoryJournal;
    } else {
      const opened = openFileJournal(options.dataDir, options.name);
      this.#journal = opened.journal;
      // The consumers that held in-flight messages died with the old process, so everything is visible again.
      for (const stored of opened.messages) this.#insert(stored);
    }
  }

  /** Sends a message (SendMessage) and returns its id. */
  send(body: string, messageAttributes: MessageAttributesInput = {}): string {
    const attributes = messageAttributesSchema.parse(messageAttributes);
    const now = this.#clock.now();
    const stored = newStoredMessage({ body, messageAttributes: attributes, senderId: this.#senderId }, now);
    this.#accept(stored);
    return stored.messageId;
  }

  /**
   * Receives up to `max` visible messages (ReceiveMessage) and hides them for the visibility timeout. A message
   * already received `maxReceiveCount` times moves to the dead-letter queue on this receive instead.
   */
  receive(max = 1, options: { visibilityTimeoutSeconds?: number } = {}): ReceivedMessage[] {
    assertInRange('max', max, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
    const timeoutSeconds = options.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds;
    assertInRange('visibilityTimeoutSeconds', timeoutSeconds, {
      min: 0,
      max: MAX_VISIBILITY_TIMEOUT_SECONDS,
    });
    const now = this.#clock.now();
    this.#releaseExpired(now);
    const received: ReceivedMessage[] = [];
    const entries: JournalEntry[] = [];
    for (const messageId of this.#ready) {
      if (received.length >= max) break;
      this.#ready.delete(messageId);
      const live = this.#messages.get(messageId);
      if (live === undefined) continue;
      if (this.#redrive !== undefined && live.stored.receiveCount >= this.#redrive.maxReceiveCount) {
        this.#redrive.deadLetterQueue.#accept({
          ...live.stored,
          enqueuedAt: now,
          deadLetterSourceArn: this.arn,
        });
        this.#forget(live);
        entries.push({ op: 'remove', messageId });
        continue;
      }
      received.push(this.#handOut(live, now, timeoutSeconds));
      entries.push({
        op: 'update',
        messageId,
        receiveCount: live.stored.receiveCount,
        firstReceiveTimestamp: live.stored.firstReceiveTimestamp,
        failure: live.stored.failure,
      });
    }
    this.#journal.append(entries);
    return received;
  }

  /** Deletes a received message (DeleteMessage); a handle from an earlier receive deletes nothing. */
  delete(receiptHandle: string): ReceiptOutcome {
    const live = this.#byHandle(receiptHandle);
    if (live === undefined) return NOT_CURRENT;
    this.#forget(live);
    this.#journal.append([{ op: 'remove', messageId: live.stored.messageId }]);
    return { ok: true };
  }

  /** Changes the visibility of an in-flight message (ChangeMessageVisibility); 0 makes it visible now. */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): ReceiptOutcome {
    assertInRange('visibilityTimeoutSeconds', visibilityTimeoutSeconds, {
      min: 0,
      max: MAX_VISIBILITY_TIMEOUT_SECONDS,
    });
    const now = this.#clock.now();
    this.#releaseExpired(now);
    const live = this.#byHandle(receiptHandle);
    if (live === undefined) return NOT_CURRENT;
    if (!this.#inFlight.has(live.stored.messageId)) return { ok: false, reason: 'message-not-in-flight' };
    live.visibleAt = now + visibilityTimeoutSeconds * 1000;
    if (visibilityTimeoutSeconds === 0) {
      this.#releaseExpired(now);
      this.#notify();
    }
    return { ok: true };
  }

  /** Remembers why processing failed, so a message that ends in the dead-letter queue carries its last error. */
  recordFailure(receiptHandle: string, error: unknown): ReceiptOutcome {
    const live = this.#byHandle(receiptHandle);
    if (live === undefined) return NOT_CURRENT;
    const now = this.#clock.now();
    const { stored } = live;
    stored.failure = {
      error: describeError(error),
      firstFailureAt: stored.failure?.firstFailureAt ?? now,
      lastFailureAt: now,
    };
    this.#journal.append([
      {
        op: 'update',
        messageId: stored.messageId,
        receiveCount: stored.receiveCount,
        firstReceiveTimestamp: stored.firstReceiveTimestamp,
        failure: stored.failure,
      },
    ]);
    return { ok: true };
  }

  /** Lists messages, oldest first, without receiving them (for dead-letter queues above all). */
  peek(limit = DEFAULT_PEEK_LIMIT): MessageView[] {
    this.#releaseExpired(this.#clock.now());
    const views: MessageView[] = [];
    for (const live of this.#messages.values()) {
      if (views.length >= limit) break;
      const state = this.#inFlight.has(live.stored.messageId) ? 'in-flight' : 'visible';
      views.push(toMessageView(live.stored, state));
    }
    return views;
  }

  /**
   * Moves messages from this (dead-letter) queue to `destination`, all or the given ids. As with SQS's
   * dead-letter queue redrive, each arrives as a new message: new id, new sent time, receive count 0.
   */
  redrive(options: { destination: LocalQueue; messageIds?: readonly string[] }): RedriveResult {
    if (options.destination === this) {
      throw new InvalidConfigurationError('destination', 'cannot redrive a queue into itself');
    }
    const wanted = options.messageIds ?? [...this.#messages.keys()];
    const moved: Array<{ deadLetterMessageId: string; messageId: string }> = [];
    const notFound: string[] = [];
    const entries: JournalEntry[] = [];
    for (const deadLetterMessageId of wanted) {
      const live = this.#messages.get(deadLetterMessageId);
      if (live === undefined) {
        notFound.push(deadLetterMessageId);
        continue;
      }
      const messageId = options.destination.#acceptRedriven(live.stored);
      this.#forget(live);
      entries.push({ op: 'remove', messageId: deadLetterMessageId });
      moved.push({ deadLetterMessageId, messageId });
    }
    this.#journal.append(entries);
    return { moved, notFound };
  }

  depth(): QueueDepth {
    const now = this.#clock.now();
    this.#releaseExpired(now);
    const oldest = this.#messages.values().next();
    return {
      visible: this.#ready.size,
      inFlight: this.#inFlight.size,
      oldestMessageAgeMs: oldest.done === true ? 0 : Math.max(0, now - oldest.value.stored.enqueuedAt),
    };
  }

  /** Epoch ms at which the next in-flight message becomes visible again, if any is in flight. */
  nextVisibleAt(): number | undefined {
    let earliest: number | undefined;
    for (const messageId of this.#inFlight) {
      const visibleAt = this.#messages.get(messageId)?.visibleAt;
      if (visibleAt !== undefined && (earliest === undefined || visibleAt < earliest)) earliest = visibleAt;
    }
    return earliest;
  }

  /** Calls `listener` whenever a message may have become receivable (sent, redriven, made visible). */
  onAvailable(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the journal; the queue must not be used afterwards. */
  close(): void {
    this.#journal.close();
  }

  #acceptRedriven(source: StoredMessage): string {
    const now = this.#clock.now();
    const stored = newStoredMessage(source, now);
    this.#accept(stored);
    return stored.messageId;
  }

  #accept(stored: StoredMessage): void {
    this.#journal.append([{ op: 'put', message: stored }]);
    this.#insert(stored);
    this.#notify();
  }

  #insert(stored: StoredMessage): void {
    this.#messages.set(stored.messageId, { stored, visibleAt: 0, receiptHandle: undefined });
    this.#ready.add(stored.messageId);
  }

  #handOut(live: LiveMessage, now: number, timeoutSeconds: number): ReceivedMessage {
    const { stored } = live;
    stored.receiveCount += 1;
    stored.firstReceiveTimestamp ??= now;
    if (live.receiptHandle !== undefined) this.#byReceipt.delete(live.receiptHandle);
    const receiptHandle = newReceiptHandle(stored.messageId);
    live.receiptHandle = receiptHandle;
    live.visibleAt = now + timeoutSeconds * 1000;
    this.#byReceipt.set(receiptHandle, stored.messageId);
    this.#inFlight.add(stored.messageId);
    return toReceivedMessage(stored, receiptHandle, now);
  }

  /** A handle stays current until its message is received again, even after its visibility expired. */
  #byHandle(receiptHandle: string): LiveMessage | undefined {
    const messageId = this.#byReceipt.get(receiptHandle);
    const live = messageId === undefined ? undefined : this.#messages.get(messageId);
    return live?.receiptHandle === receiptHandle ? live : undefined;
  }

  #releaseExpired(now: number): void {
    for (const messageId of this.#inFlight) {
      const live = this.#messages.get(messageId);
      if (live !== undefined && live.visibleAt > now) continue;
      this.#inFlight.delete(messageId);
      if (live !== undefined) this.#ready.add(messageId);
    }
  }

  #forget(live: LiveMessage): void {
    const { messageId } = live.stored;
    this.#messages.delete(messageId);
    this.#ready.delete(messageId);
    this.#inFlight.delete(messageId);
    if (live.receiptHandle !== undefined) this.#byReceipt.delete(live.receiptHandle);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * Creates a local queue with SQS's standard-queue semantics.
 *
 * @example
 * const deadLetters = createLocalQueue({ name: 'listing-sync-shopee-dlq', visibilityTimeoutSeconds: 30 });
 * const queue = createLocalQueue({
 *   name: 'listing-sync-shopee',
 *   visibilityTimeoutSeconds: 180,
 *   deadLetterQueue: deadLetters,
 *   maxReceiveCount: 5,
 *   dataDir: '.local/queues',
 * });
 * queue.send(JSON.stringify(event));
 */
export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  return new LocalQueue(options);
}
