import { z } from 'zod';
import { MAX_BODY_BYTES } from './constants.js';
import type { ApiRoute } from './route.js';
import { problemDetails } from './routes/schemas.js';

type JsonSchema = Record<string, unknown>;

/** Named schemas (`.meta({ id })`) become components; every `#/$defs/X` is rewritten to point there. */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const generated = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = generated;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.schemas[name] = rewriteRefs(definition) as JsonSchema;
    }
    // A named top-level schema is itself a component: refer to it.
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === 'string') {
      this.schemas[id] = rewriteRefs(rest) as JsonSchema;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rewriteRefs(rest) as JsonSchema;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\//, '#/components/schemas/')
        : rewriteRefs(inner),
    ]),
  );
}

/** `GET /v1/producers/{producerId}/webhook-endpoints` → `getProducersWebhookEndpoints`. */
function operationId(route: ApiRoute): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1' && !segment.startsWith('{'))
    .flatMap((segment) => segment.split('-'));
  const byParam = route.path.endsWith('}') ? ['By', ...(route.pathParams.slice(-1) as string[])] : [];
  return [route.method.toLowerCase(), ...words, ...byParam]
    .map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join('');
}

function parametersOf(route: ApiRoute, components: Components): JsonSchema[] {
  const of = (schema: z.ZodType | undefined, location: 'path' | 'query') => {
    if (schema === undefined) return [];
    const json = components.schemaOf(schema, 'input');
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || required.has(name),
      schema: property,
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
    }));
  };
  return [...of(route.params, 'path'), ...of(route.query, 'query')];
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function responsesOf(route: ApiRoute, components: Components): Record<string, unknown> {
  const success =
    route.successStatus === 204
      ? { description: 'Done (no content).' }
      : {
          description: 'Success.',
          content: { 'application/json': { schema: components.schemaOf(route.response, 'output') } },
        };
  const refusals: Record<string, string> = {
    '400': 'Invalid parameters, query or body (`errors` lists each invalid field).',
    ...(route.scope === 'public'
      ? {}
      : {
          '401': 'Missing, expired or invalid bearer token.',
          '403': "The token lacks the route's scope, or names another producer or area.",
        }),
    '404': 'No such route or resource.',
    ...(route.body === undefined
      ? {}
      : { '413': `Body larger than ${MAX_BODY_BYTES} bytes.`, '415': 'Body not application/json.' }),
    '429': 'Too many requests from this caller (see `Retry-After`).',
    '500': 'Unexpected error (details stay in the log).',
  };
  return {
    [String(route.successStatus)]: success,
    ...Object.fromEntries(
      Object.entries(refusals).map(([status, description]) => [status, problemResponse(description)]),
    ),
  };
}

/**
 * The OpenAPI 3.1 description of the routes: one operation per route, its scope as the security
 * requirement's role (OpenAPI 3.1 §4.8.30: a non-OAuth scheme may list roles), and `x-required-scope`.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const components = new Components();
  components.schemaOf(problemDetails, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = {
      operationId: operationId(route),
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: [route.tag],
      security: route.scope === 'public' ? [] : [{ cognito: [route.scope] }],
      'x-required-scope': route.scope,
      parameters: parametersOf(route, components),
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: components.schemaOf(route.body, 'input') } },
            },
          }),
      responses: responsesOf(route, components),
    };
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ocop-sync producer and official API',
      version: '1.0.0',
      description:
        'Producers read their products, certificates, listings and stock, manage webhook endpoints and connect ' +
        "shops; officials read their area's coverage and failures. Bearer JWTs from Amazon Cognito (locally a " +
        'development issuer with the same format). Producers may only name their own producer id, officials ' +
        'their own province or district: anything else is 403. Errors are RFC 9457 problem details. ' +
        'Generated from packages/producer-api/src/routes (npm run api:openapi).',
    },
    servers: [
      { url: '/', description: 'The HTTP API of the deployed stage (stack output), or the local stack.' },
    ],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito access (or id) token: `cognito:groups` gives the role (producer, district-official, ' +
            'provincial-official, operator), `custom:producer_id` / `custom:province` / `custom:district` its reach.',
        },
      },
    },
  };
}

/** The checked-in file's text: stable key order as generated, two-space indent, final newline. */
export const openApiText = (routes: readonly ApiRoute[]): string =>
  `${JSON.stringify(buildOpenApiDocument(routes), null, 2)}\n`;
