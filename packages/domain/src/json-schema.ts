import { z } from 'zod';
import { detailTypes, eventCatalogue } from './schemas/catalogue.js';

const SCHEMA_ID_BASE = 'https://github.com/ocop-sync/ocop-sync/events/schemas';

/**
 * JSON Schema (draft 2020-12) of each detail-type's full EventBridge event, as publishers write it
 * (zod input side: before NFC normalisation and defaults). Keyed by file name, stable order.
 */
export function renderJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const detailType of [...detailTypes].sort()) {
    const entry = eventCatalogue[detailType];
    const event = z.looseObject({
      'detail-type': z.literal(detailType),
      source: z.enum(entry.sources as unknown as [string, ...string[]]),
      detail: entry.detail,
    });
    const schema = {
      ...z.toJSONSchema(event, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
      $id: `${SCHEMA_ID_BASE}/${detailType}.json`,
      title: detailType,
      description: `${entry.summary} Emitted by: ${entry.emittedBy}. Consumed by: ${entry.consumedBy.join(', ') || 'none'}.`,
    };
    files.set(`${detailType}.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return files;
}
