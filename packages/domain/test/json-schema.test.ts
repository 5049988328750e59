import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../src/json-schema.js';

const schemasDir = join(import.meta.dirname, '../../../events/schemas');

describe('checked-in JSON Schemas', () => {
  const rendered = renderJsonSchemas();

  it('match the zod catalogue (run `npm run events:generate` after changing a schema)', () => {
    for (const [fileName, content] of rendered) {
      expect(readFileSync(join(schemasDir, fileName), 'utf8'), fileName).toBe(content);
    }
  });

  it('include no file the catalogue no longer generates', () => {
    const onDisk = readdirSync(schemasDir).filter((name) => name.endsWith('.json'));
    expect(onDisk.sort()).toEqual([...rendered.keys()].sort());
  });

  it('describe stars as 3, 4 or 5 for publishers in other languages', () => {
    const schema = JSON.parse(rendered.get('ProductCertified.json') ?? '{}');
    const stars = schema.properties.detail.properties.certificate.properties.stars;
    expect(JSON.stringify(stars)).toContain('3');
    expect(JSON.stringify(stars)).toContain('5');
  });
});
