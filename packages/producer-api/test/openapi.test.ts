import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/index.js';
import { buildOpenApiDocument, openApiText } from '../src/openapi.js';

const checkedIn = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');

describe('OpenAPI description', () => {
  it('is checked in as generated from the routes (run `npm run api:openapi` after a change)', () => {
    // Compared as JSON: the checked-in text is the same document laid out by the repository's formatter.
    expect(JSON.parse(checkedIn)).toEqual(JSON.parse(openApiText(apiRoutes)));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(checkedIn));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('states the scope of every route and gives each operation a unique id', () => {
    const document = buildOpenApiDocument(apiRoutes) as {
      paths: Record<string, Record<string, { operationId: string; 'x-required-scope': string }>>;
    };
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations).toHaveLength(apiRoutes.length);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(apiRoutes.length);
    for (const route of apiRoutes) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]?.['x-required-scope']).toBe(
        route.scope,
      );
    }
  });
});
