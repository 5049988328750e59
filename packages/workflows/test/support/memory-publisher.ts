import { parseDetail } from '@ocop-sync/domain';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { expect } from 'vitest';

/** An in-memory bus that checks every entry against the catalogue, like the real publisher. */
export function memoryPublisher(): EventPublisher & { entries: PublishEntry[] } {
  const entries: PublishEntry[] = [];
  return {
    entries,
    async publish(batch) {
      for (const entry of batch) expect(parseDetail(entry.detailType, entry.detail).ok).toBe(true);
      entries.push(...batch);
    },
  };
}
