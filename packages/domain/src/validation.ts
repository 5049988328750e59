import type { z } from 'zod';
import { type DetailType, type EventDetail, eventCatalogue } from './schemas/catalogue.js';
import { type EventBridgeEnvelope, eventBridgeEnvelope } from './schemas/envelope.js';

/** One problem with an input: where (a dotted path) and which rule it broke. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** A parsed event: the envelope plus its detail, typed by detail-type. */
export type CatalogueEvent = {
  [T in DetailType]: Omit<EventBridgeEnvelope, 'detail' | 'detail-type'> & {
    'detail-type': T;
    detail: EventDetail<T>;
  };
}[DetailType];

// Messages for the generic cases; schemas give their own rule messages for the domain rules.
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_type') return `must be ${article(issue.expected)}`;
  if (issue.code === 'unrecognized_keys') return `is not a known field (${issue.keys.join(', ')})`;
  return undefined;
};

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Renders zod issues as `path: rule`, e.g. `detail.certificate.stars: must be 3, 4 or 5`. */
export function toIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [base, key].filter(Boolean).join('.'),
        message: 'is not a known field',
      }));
    }
    return [{ path: base || '(root)', message: issue.message }];
  });
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/** Parses any schema with the catalogue's messages. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input, { error: messages, reportInput: true });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toIssues(result.error, prefix) };
}

/** Parses one detail-type's detail. */
export function parseDetail<T extends DetailType>(
  detailType: T,
  detail: unknown,
): ParseResult<EventDetail<T>> {
  return parseWith(eventCatalogue[detailType].detail, detail, 'detail') as ParseResult<EventDetail<T>>;
}

/**
 * Parses an EventBridge event as a target receives it: the envelope, a known detail-type from an allowed
 * source, and the detail against its schema. Nothing is trusted before this returns `ok`.
 *
 * @example
 * const parsed = parseEvent(JSON.parse(record.body));
 * if (!parsed.ok) throw new InvalidEventError(formatIssues(parsed.issues));
 */
export function parseEvent(input: unknown): ParseResult<CatalogueEvent> {
  const envelope = parseWith(eventBridgeEnvelope, input);
  if (!envelope.ok) return envelope;
  const detailType = envelope.value['detail-type'];
  if (!isDetailType(detailType)) {
    return {
      ok: false,
      issues: [{ path: 'detail-type', message: `is not in the event catalogue (${detailType})` }],
    };
  }
  const entry = eventCatalogue[detailType];
  if (!(entry.sources as readonly string[]).includes(envelope.value.source)) {
    return {
      ok: false,
      issues: [{ path: 'source', message: `must be ${entry.sources.join(' or ')} for ${detailType}` }],
    };
  }
  const detail = parseDetail(detailType, envelope.value.detail);
  if (!detail.ok) return detail;
  return {
    ok: true,
    value: { ...envelope.value, 'detail-type': detailType, detail: detail.value } as CatalogueEvent,
  };
}

export function isDetailType(value: string): value is DetailType {
  return Object.hasOwn(eventCatalogue, value);
}
