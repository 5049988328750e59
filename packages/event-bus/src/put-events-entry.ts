import { randomUUID } from 'node:crypto';
import { TIME_PARAMETER_BYTES } from './constants.js';
import type { EventBridgeEvent } from './event-schema.js';
import { isPlainObject } from './pattern-types.js';
import type { PutEventsRequestEntry } from './wire-schemas.js';

/** Error codes a PutEvents result entry can carry (API reference, `PutEventsResultEntry`). */
export const ENTRY_ERROR_CODES = {
  invalidArgument: 'InvalidArgument',
  malformedDetail: 'MalformedDetail',
  notAuthorizedForSource: 'NotAuthorizedForSourceException',
} as const;

export type EntryErrorCode = (typeof ENTRY_ERROR_CODES)[keyof typeof ENTRY_ERROR_CODES];

export type EntryOutcome =
  | { ok: true; event: EventBridgeEvent }
  | { ok: false; errorCode: EntryErrorCode; errorMessage: string };

export interface EventEnvelope {
  readonly account: string;
  readonly region: string;
  readonly now: () => Date;
}

/**
 * Entry size as EventBridge computes it: UTF-8 bytes of Source, DetailType, Detail and each resource,
 * plus 14 bytes when Time is given ("Calculating PutEvents event entry size").
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const texts = [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])];
  const textBytes = texts.reduce(
    (total, text) => total + (text === undefined ? 0 : Buffer.byteLength(text)),
    0,
  );
  return textBytes + (entry.Time === undefined ? 0 : TIME_PARAMETER_BYTES);
}

/** Turns one entry into the event EventBridge would route, or the per-entry error it would report. */
export function buildEvent(entry: PutEventsRequestEntry, envelope: EventEnvelope): EntryOutcome {
  const { Source: source, DetailType: detailType, Detail: detailText } = entry;
  if (source === undefined || source === '') {
    return missing('Source');
  }
  if (detailType === undefined || detailType === '') {
    return missing('DetailType');
  }
  if (detailText === undefined || detailText === '') {
    return missing('Detail');
  }
  const detail = parseDetail(detailText);
  if (detail === undefined) {
    return { ok: false, errorCode: ENTRY_ERROR_CODES.malformedDetail, errorMessage: 'Detail is malformed.' };
  }
  // Sources starting with "aws." are reserved for AWS services.
  if (source.startsWith('aws.')) {
    return {
      ok: false,
      errorCode: ENTRY_ERROR_CODES.notAuthorizedForSource,
      errorMessage: 'Not authorized for the source.',
    };
  }
  return {
    ok: true,
    event: {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source,
      account: envelope.account,
      time: formatEventTime(entry.Time ?? envelope.now()),
      region: envelope.region,
      resources: entry.Resources ?? [],
      detail,
    },
  };
}

function missing(parameter: string): EntryOutcome {
  return {
    ok: false,
    errorCode: ENTRY_ERROR_CODES.invalidArgument,
    errorMessage: `Parameter ${parameter} is not valid. Reason: ${parameter} is a required argument.`,
  };
}

function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Event times are ISO 8601 in UTC to the second, e.g. `2025-06-01T08:30:00Z`. */
export function formatEventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
