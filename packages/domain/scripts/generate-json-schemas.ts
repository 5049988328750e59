/**
 * Writes one JSON Schema per detail-type to `events/schemas/` from the zod catalogue (the source of truth).
 * `--check` fails instead of writing when a checked-in file is stale, so CI catches a schema changed
 * without regenerating.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../src/json-schema.js';

const outputDir = join(import.meta.dirname, '../../../events/schemas');
const check = process.argv.includes('--check');

const rendered = renderJsonSchemas();
const stale: string[] = [];
mkdirSync(outputDir, { recursive: true });
for (const [fileName, content] of rendered) {
  const path = join(outputDir, fileName);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  stale.push(fileName);
  if (!check) writeFileSync(path, content);
}
const extra = readdirSync(outputDir).filter((name) => name.endsWith('.json') && !rendered.has(name));
if (check && (stale.length > 0 || extra.length > 0)) {
  console.error(
    `events/schemas is stale (changed: ${stale.join(', ') || 'none'}; not generated: ${extra.join(', ') || 'none'}). Run \`npm run events:generate\`.`,
  );
  process.exit(1);
}
console.log(
  check
    ? `events/schemas: ${rendered.size} schemas up to date`
    : `events/schemas: wrote ${stale.length} of ${rendered.size}`,
);
