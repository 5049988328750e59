import { randomUUID } from 'node:crypto';
import { type CatalogueEvent, parseEvent } from '@ocop-sync/domain';

export const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Wraps a detail in an EventBridge envelope and parses it, as the queue handler would. */
export function toEvent(source: string, detailType: string, detail: unknown): CatalogueEvent {
  const parsed = parseEvent({
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: '2024-11-16T02:15:00Z',
    region: 'ap-southeast-1',
    resources: [],
    detail,
  });
  if (!parsed.ok) throw new Error(`bad fixture ${detailType}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}
