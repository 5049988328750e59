import { z } from 'zod';

/**
 * On-demand capacity a DynamoDB request consumes, estimated from its JSON body (the SDK's request, as the
 * request counter sees it): DynamoDB Local does not meter capacity. Rules from the DynamoDB Developer Guide,
 * "Read/write capacity mode" (on-demand): a write unit per 1 KB written (2 in a transaction), a read unit per
 * 4 KB read strongly consistent (half eventually consistent, 2 in a transaction); every GSI whose key
 * attributes the write carries is written too (standard units, projection ALL so the same size).
 *
 * Item sizes: a Put's size is computed from its attributes and remembered by key, so a later Get or Update of
 * the same item is charged by that size; an item never seen is taken as 1 KB. A Query is charged as one
 * 4 KB page (results here are a few small items).
 */
export interface CapacityEstimate {
  readonly readUnits: number;
  readonly writeUnits: number;
  /** The request touched a `LOCAL-SECRET#…` item: in the cloud it is a Secrets Manager call, not DynamoDB. */
  readonly localSecret: boolean;
  /** Items written (base table), for the storage and stream estimate. */
  readonly itemsWritten: number;
}

const gsiKeyAttributes = ['gsi1pk', 'gsi2pk', 'gsi3pk'] as const;
const attributeMap = z.record(z.string(), z.unknown());
const keyed = z.looseObject({ Key: attributeMap.optional(), Item: attributeMap.optional() });
const batchGetEntry = z.looseObject({ Keys: z.array(attributeMap), ConsistentRead: z.boolean().optional() });
const requestBody = z.looseObject({
  ConsistentRead: z.boolean().optional(),
  Key: attributeMap.optional(),
  Item: attributeMap.optional(),
  Keys: z.array(attributeMap).optional(),
  TransactItems: z.array(z.record(z.string(), keyed)).optional(),
  RequestItems: z.record(z.string(), z.unknown()).optional(),
});

/** DynamoDB's item size: attribute names plus values (strings UTF-8, numbers ~1 byte per 2 digits, …). */
export function dynamoItemBytes(item: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  const [type, inner] = Object.entries(value)[0] ?? ['NULL', true];
  if (type === 'S' && typeof inner === 'string') return Buffer.byteLength(inner);
  if (type === 'N' && typeof inner === 'string') return Math.ceil(inner.replace(/^-|\./g, '').length / 2) + 1;
  if (type === 'M' && inner !== null && typeof inner === 'object')
    return 3 + dynamoItemBytes(inner as Record<string, unknown>);
  if (type === 'L' && Array.isArray(inner))
    return 3 + inner.reduce((sum, entry) => sum + 1 + valueBytes(entry), 0);
  if ((type === 'SS' || type === 'NS') && Array.isArray(inner))
    return inner.reduce((sum, entry) => sum + Buffer.byteLength(String(entry)), 0);
  return 1;
}

const keyOf = (key: Readonly<Record<string, unknown>> | undefined) =>
  key === undefined ? undefined : JSON.stringify([key.pk, key.sk]);

/** Remembers item sizes across requests of one run, so reads and updates are charged by what was written. */
export class CapacityEstimator {
  readonly #itemBytes = new Map<string, number>();

  estimate(action: string, body: string): CapacityEstimate {
    const localSecret = body.includes('LOCAL-SECRET#');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = {};
    }
    const parsed = requestBody.safeParse(json);
    const request = parsed.success ? parsed.data : {};
    const consistentFactor = request.ConsistentRead === true ? 1 : 0.5;
    const none = { readUnits: 0, writeUnits: 0, localSecret, itemsWritten: 0 };
    switch (action) {
      case 'GetItem':
        return { ...none, readUnits: this.#readUnits(request.Key) * consistentFactor };
      case 'Query':
      case 'Scan':
        return { ...none, readUnits: consistentFactor };
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem':
        return { ...none, writeUnits: this.#writeUnits(request, body, 1), itemsWritten: 1 };
      case 'TransactGetItems':
        return {
          ...none,
          readUnits: (request.TransactItems ?? []).reduce(
            (sum, entry) => sum + 2 * this.#readUnits(Object.values(entry)[0]?.Key),
            0,
          ),
        };
      case 'TransactWriteItems': {
        const items = request.TransactItems ?? [];
        const writeUnits = items.reduce((sum, entry) => {
          const inner = Object.values(entry)[0] ?? {};
          return sum + this.#writeUnits(inner, JSON.stringify(inner), 2);
        }, 0);
        return { ...none, writeUnits, itemsWritten: items.length };
      }
      case 'BatchWriteItem': {
        // { table: [{ PutRequest | DeleteRequest }, …] }
        const count = Object.values(request.RequestItems ?? {}).reduce<number>(
          (sum, entries) => sum + (Array.isArray(entries) ? entries.length : 0),
          0,
        );
        return { ...none, writeUnits: count, itemsWritten: count };
      }
      case 'BatchGetItem': {
        // { table: { Keys: […], ConsistentRead? } }: each key is read as a GetItem would be.
        const readUnits = Object.values(request.RequestItems ?? {}).reduce<number>((sum, entry) => {
          const parsed = batchGetEntry.safeParse(entry);
          if (!parsed.success) return sum;
          const factor = parsed.data.ConsistentRead === true ? 1 : 0.5;
          return sum + parsed.data.Keys.reduce((units, key) => units + this.#readUnits(key) * factor, 0);
        }, 0);
        return { ...none, readUnits };
      }
      default:
        return none;
    }
  }

  #readUnits(key: Readonly<Record<string, unknown>> | undefined): number {
    const bytes = this.#itemBytes.get(keyOf(key) ?? '') ?? 1024;
    return Math.max(1, Math.ceil(bytes / 4096));
  }

  /** Base-table units × factor (2 in a transaction) plus one standard write per GSI the item carries. */
  #writeUnits(request: z.infer<typeof keyed>, text: string, factor: number): number {
    const key = keyOf(request.Item ?? request.Key);
    let bytes = this.#itemBytes.get(key ?? '') ?? 1024;
    if (request.Item !== undefined) {
      bytes = dynamoItemBytes(request.Item);
      if (key !== undefined) this.#itemBytes.set(key, bytes);
    }
    const units = Math.max(1, Math.ceil(bytes / 1024));
    const indexes = gsiKeyAttributes.filter((attribute) => text.includes(attribute)).length;
    return units * factor + indexes * units;
  }
}
