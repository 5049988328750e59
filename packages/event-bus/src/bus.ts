import { randomUUID } from 'node:crypto';
import { type ArchiveOptions, createEventArchive, type EventArchive, type TimeWindow } from './archive.js';
import {
  DEFAULT_ACCOUNT,
  DEFAULT_BUS_NAME,
  DEFAULT_REGION,
  MAX_ENTRIES_PER_PUT_EVENTS,
  MAX_PUT_EVENTS_REQUEST_BYTES,
} from './constants.js';
import { DuplicateRuleError, EventBusError, PutEventsValidationError } from './errors.js';
import { type FlattenedEvent, flattenEvent } from './event-flattener.js';
import type { EventBridgeEvent } from './event-schema.js';
import { type CompiledEventPattern, compileEventPattern } from './matcher.js';
import { buildEvent, type EntryErrorCode, entrySize } from './put-events-entry.js';
import type { PutEventsRequestEntry } from './wire-schemas.js';

export type EventTarget = (event: EventBridgeEvent) => Promise<void>;

export interface RuleDefinition {
  readonly name: string;
  /** An EventBridge event pattern, as JSON text or a parsed object; validated when the rule is added. */
  readonly pattern: unknown;
  readonly target: EventTarget;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: EntryErrorCode; ErrorMessage: string };

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

export interface DeliveryFailure {
  readonly ruleName: string;
  readonly eventId: string;
  readonly replayName?: string;
  readonly error: unknown;
}

export interface ReplayOptions extends TimeWindow {
  /** Only these rules receive the replayed events (all rules when omitted). */
  readonly ruleNames?: readonly string[];
  /** Written into each replayed event's `replay-name`; generated when omitted. */
  readonly replayName?: string;
}

export interface ReplayResult {
  readonly replayName: string;
  readonly eventCount: number;
  readonly deliveryCount: number;
}

export interface EventBusOptions {
  readonly name?: string;
  readonly account?: string;
  readonly region?: string;
  readonly archive?: ArchiveOptions;
  /** Clock for events without `Time`; injectable for tests. */
  readonly now?: () => Date;
}

export interface EventBus {
  readonly name: string;
  readonly archive: EventArchive;
  addRule(rule: RuleDefinition): void;
  removeRule(name: string): boolean;
  ruleNames(): readonly string[];
  putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResult>;
  testEventPattern(pattern: unknown, event: unknown): boolean;
  replay(options: ReplayOptions): Promise<ReplayResult>;
  /** Resolves once every delivery started so far has finished (successfully or not). */
  settled(): Promise<void>;
  deliveryFailures(): readonly DeliveryFailure[];
}

interface ActiveRule {
  readonly name: string;
  readonly pattern: CompiledEventPattern;
  readonly target: EventTarget;
}

/**
 * A local stand-in for an EventBridge event bus: PutEvents validation, pattern routing to async targets,
 * an archive, and replay.
 *
 * @example
 * const bus = createEventBus({ archive: { dataDirectory: '.local/bus' } });
 * bus.addRule({ name: 'certified', pattern: { 'detail-type': ['ProductCertified'] }, target: async (e) => {} });
 * await bus.putEvents([{ Source: 'ocop.registry', DetailType: 'ProductCertified', Detail: '{"id":"p-1"}' }]);
 */
export function createEventBus(options: EventBusOptions = {}): EventBus {
  const envelope = {
    account: options.account ?? DEFAULT_ACCOUNT,
    region: options.region ?? DEFAULT_REGION,
    now: options.now ?? (() => new Date()),
  };
  const archive = createEventArchive(options.archive);
  const rules = new Map<string, ActiveRule>();
  const pending = new Set<Promise<void>>();
  const failures: DeliveryFailure[] = [];

  const deliver = (rule: ActiveRule, event: EventBridgeEvent): Promise<void> => {
    const delivery = Promise.resolve()
      .then(() => rule.target(event))
      .catch((error: unknown) => {
        failures.push({ ruleName: rule.name, eventId: event.id, replayName: event['replay-name'], error });
      })
      .finally(() => pending.delete(delivery));
    pending.add(delivery);
    return delivery;
  };

  const route = (event: EventBridgeEvent, candidates: Iterable<ActiveRule>): Promise<void>[] => {
    const flattened: FlattenedEvent = flattenEvent(event);
    const deliveries: Promise<void>[] = [];
    for (const rule of candidates) {
      if (rule.pattern.matchesFlattened(flattened)) {
        deliveries.push(deliver(rule, event));
      }
    }
    return deliveries;
  };

  return {
    name: options.name ?? DEFAULT_BUS_NAME,
    archive,
    addRule({ name, pattern, target }) {
      if (rules.has(name)) {
        throw new DuplicateRuleError(name);
      }
      rules.set(name, { name, pattern: compileEventPattern(pattern), target });
    },
    removeRule: (name) => rules.delete(name),
    ruleNames: () => [...rules.keys()],
    async putEvents(entries) {
      assertAcceptableRequest(entries);
      const accepted: EventBridgeEvent[] = [];
      const results = entries.map((entry): PutEventsResultEntry => {
        const outcome = buildEvent(entry, envelope);
        if (!outcome.ok) {
          return { ErrorCode: outcome.errorCode, ErrorMessage: outcome.errorMessage };
        }
        accepted.push(outcome.event);
        return { EventId: outcome.event.id };
      });
      await archive.append(accepted);
      for (const event of accepted) {
        route(event, rules.values());
      }
      return { FailedEntryCount: entries.length - accepted.length, Entries: results };
    },
    testEventPattern: (pattern, event) => compileEventPattern(pattern).matches(event),
    async replay({ from, to, ruleNames, replayName = `replay-${randomUUID()}` }) {
      const targets = selectRules(rules, ruleNames);
      const events = archive.list({ from, to });
      const deliveries = events.flatMap((event) => route({ ...event, 'replay-name': replayName }, targets));
      await Promise.all(deliveries);
      return { replayName, eventCount: events.length, deliveryCount: deliveries.length };
    },
    async settled() {
      while (pending.size > 0) {
        await Promise.all([...pending]);
      }
    },
    deliveryFailures: () => [...failures],
  };
}

/** Whole-call checks that make AWS answer with a ValidationException instead of per-entry errors. */
function assertAcceptableRequest(entries: readonly PutEventsRequestEntry[]): void {
  if (entries.length === 0 || entries.length > MAX_ENTRIES_PER_PUT_EVENTS) {
    const bound =
      entries.length === 0
        ? 'greater than or equal to 1'
        : `less than or equal to ${MAX_ENTRIES_PER_PUT_EVENTS}`;
    throw new PutEventsValidationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  const totalSize = entries.reduce((total, entry) => total + entrySize(entry), 0);
  if (totalSize > MAX_PUT_EVENTS_REQUEST_BYTES) {
    throw new PutEventsValidationError('Total size of the entries in the request is over the limit.');
  }
}

function selectRules(
  rules: ReadonlyMap<string, ActiveRule>,
  names: readonly string[] | undefined,
): ActiveRule[] {
  if (names === undefined) {
    return [...rules.values()];
  }
  return names.map((name) => {
    const rule = rules.get(name);
    if (rule === undefined) {
      throw new EventBusError(`Rule ${name} does not exist on this event bus.`);
    }
    return rule;
  });
}
