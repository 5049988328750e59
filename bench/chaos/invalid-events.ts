import { isDetailType, parseDetail } from '@ocop-sync/domain';
import type { SampleEvent } from '@ocop-sync/local-stack';
import fc from 'fast-check';
import type { Workload } from './workload.js';

/** Every id of a generated invalid event carries this, so a scan of the ledger can find any write it caused. */
export const INVALID_TAG = 'XINVALID';

type Detail = Record<string, unknown>;

/** One way to break a valid event; each keeps the tagged ids unless it is about an id. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('bad-number' as const),
    value: fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: true, min: 0.01, max: 1e6 }).filter((n) => !Number.isInteger(n)),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
      fc.integer({ min: 100_000_001 }),
    ),
  }),
  fc.record({ kind: fc.constant('missing-field' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('unknown-field' as const),
    name: fc.string({ minLength: 1, maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({ kind: fc.constant('bad-time' as const), value: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('bad-id' as const), suffix: fc.constantFrom(' ', '/', '#', 'é', '!') }),
);

/**
 * `count` invalid events, property-based (fast-check, seeded): valid workload events of each kind with
 * tagged ids and one mutation each, kept only if the catalogue's own schema refuses them (so each is
 * invalid by construction, whatever the generator drew).
 */
export function generateInvalidEvents(workload: Workload, count: number, seed: number): SampleEvent[] {
  const templates = [
    workload.certifications[0],
    workload.receipts[0],
    workload.receipts[1],
    workload.sales[0],
  ].filter((event): event is SampleEvent => event !== undefined);
  if (templates.length === 0) return [];
  const arbitrary = fc.record({ template: fc.constantFrom(...templates), mutation });
  const events: SampleEvent[] = [];
  let round = 0;
  while (events.length < count && round < 20) {
    const drawn = fc.sample(arbitrary, { seed: seed + round, numRuns: count * 2 });
    round += 1;
    for (const { template, mutation: change } of drawn) {
      if (events.length >= count) break;
      const tag = `${INVALID_TAG}-${events.length}`;
      const detail = mutate(retag(template.detail, workload.prefix, tag), change);
      const detailType = template['detail-type'];
      if (!isDetailType(detailType) || parseDetail(detailType, detail).ok) continue;
      events.push({ ...template, detail });
    }
  }
  return events;
}

/** Points a valid event at an id no valid event uses: the tag replaces the product's id everywhere. */
function retag(detail: Detail, prefix: string, tag: string): Detail {
  return JSON.parse(JSON.stringify(detail).replaceAll(new RegExp(`${prefix}-P\\d+`, 'g'), tag)) as Detail;
}

function mutate(detail: Detail, change: Mutation): Detail {
  switch (change.kind) {
    case 'bad-number': {
      const field = ['quantity', 'priceVnd', 'unitPriceVnd'].find((name) => name in detail);
      if (field) return { ...detail, [field]: change.value };
      const product = detail.product as Detail | undefined;
      return product ? { ...detail, product: { ...product, priceVnd: change.value } } : detail;
    }
    case 'missing-field': {
      const keys = Object.keys(detail);
      const key = keys[change.pick % keys.length];
      const { [key ?? '']: _removed, ...rest } = detail;
      return rest;
    }
    case 'unknown-field':
      return change.name in detail
        ? { ...detail, [`${change.name}_x`]: change.value }
        : { ...detail, [change.name]: change.value };
    case 'bad-time':
      return { ...detail, occurredAt: change.value };
    case 'bad-id': {
      const json = JSON.stringify(detail).replaceAll(`${INVALID_TAG}-`, `${INVALID_TAG}${change.suffix}`);
      return JSON.parse(json) as Detail;
    }
  }
}

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
