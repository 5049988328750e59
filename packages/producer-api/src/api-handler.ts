import { randomUUID } from 'node:crypto';
import { InvalidRequestError, NotFoundError } from '@ocop-sync/webhooks';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { authorise } from './authorise.js';
import { MAX_BODY_BYTES } from './constants.js';
import type { ApiDeps } from './deps.js';
import { ApiProblem, badRequest, type FieldIssue, notFound, problemResponse } from './problems.js';
import { type ApiRequest, type ApiRoute, type HttpMethod, Reply } from './route.js';
import { matchRoute } from './router.js';
import type { Caller } from './scopes.js';

export type ApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The API as one function of an API Gateway HTTP API (payload 2.0) event: match → authenticate → rate
 * limit → authorise → size and media type → validate → handle → JSON. Every refusal is a problem
 * details response; anything unexpected is a 500 whose cause stays in the log. One log line per request
 * names the route template, the caller's subject and role and the status; never a header, body or token.
 */
export function createApiHandler(routes: readonly ApiRoute[], deps: ApiDeps): ApiHandler {
  return async (event) => {
    const started = Date.now();
    const path = event.rawPath;
    let caller: Caller | undefined;
    let template: string | undefined;
    let result: APIGatewayProxyStructuredResultV2;
    try {
      const match = matchRoute(routes, event.requestContext.http.method, path);
      if (match.kind === 'not-found') throw notFound('No such route.');
      if (match.kind === 'wrong-method') {
        throw new ApiProblem(405, 'Method not allowed', `This route accepts ${match.allowed.join(', ')}.`, {
          headers: { allow: match.allowed.join(', ') },
        });
      }
      template = match.route.path;
      caller =
        match.route.scope === 'public' ? undefined : await deps.authenticate(event.headers.authorization);
      await limitRate(caller, event, deps);
      if (caller !== undefined) authorise(match.route, caller, match.params);
      result = await run(match.route, match.params, event, deps, caller);
    } catch (error) {
      result = problemResponse(toProblem(error, deps), path);
    }
    deps.logger.info('api request', {
      method: event.requestContext.http.method,
      route: template ?? 'unmatched',
      status: result.statusCode,
      subject: caller?.subject,
      role: caller?.role,
      ms: Date.now() - started,
    });
    return result;
  };
}

/** One count per request in the caller's window; public routes are counted per source address. */
async function limitRate(caller: Caller | undefined, event: APIGatewayProxyEventV2, deps: ApiDeps) {
  const decision = await deps.rateLimit(caller?.subject ?? `ip:${event.requestContext.http.sourceIp}`);
  if (decision.allowed) return;
  throw new ApiProblem(429, 'Too many requests', 'Too many requests from this caller; retry later.', {
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
  });
}

async function run(
  route: ApiRoute,
  rawParams: Readonly<Record<string, string>>,
  event: APIGatewayProxyEventV2,
  deps: ApiDeps,
  caller: Caller | undefined,
): Promise<APIGatewayProxyStructuredResultV2> {
  const body = readBody(route, event);
  const params = validate(route.params, rawParams, 'params');
  const query = validate(route.query, queryOf(event.rawQueryString), 'query');
  const parsedBody = route.body === undefined ? undefined : validate(route.body, body, 'body');
  const request = requestOf(route.method, event);
  const outcome = await route.handle({ caller, params, query, body: parsedBody, deps, request });
  const { status, headers, payload } =
    outcome instanceof Reply
      ? { status: outcome.status, headers: outcome.headers, payload: outcome.body }
      : { status: route.successStatus, headers: {}, payload: outcome };
  if (status === 204 || (status >= 300 && status < 400)) return { statusCode: status, headers, body: '' };
  // Parsing the result with the response schema drops whatever the schema does not name.
  const checked = route.response.safeParse(payload);
  if (!checked.success)
    throw new Error(`response of ${route.method} ${route.path} does not match its schema`);
  return {
    statusCode: status,
    // Answers are per caller, and two of them carry a signing secret: no cache may keep any.
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(checked.data),
  };
}

/** The JSON body, after the size limit and the media type: undefined when the route takes none. */
function readBody(route: ApiRoute, event: APIGatewayProxyEventV2): unknown {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > MAX_BODY_BYTES)
    throw new ApiProblem(413, 'Content too large', `A request body may be at most ${MAX_BODY_BYTES} bytes.`);
  if (route.body === undefined) {
    if (bytes.length > 0) throw badRequest('This route takes no request body.');
    return undefined;
  }
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType))
    throw new ApiProblem(415, 'Unsupported media type', 'Send the body as application/json.', {
      headers: { 'accept-post': 'application/json' },
    });
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}

function validate(schema: z.ZodType | undefined, input: unknown, location: FieldIssue['location']): unknown {
  if (schema === undefined) return location === 'body' ? undefined : {};
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    location,
    path: issue.path.filter((key) => typeof key !== 'symbol'),
    message: issue.message,
  }));
  throw badRequest(`The request ${location} is not valid.`, errors);
}

/** Repeated keys are joined with commas, as API Gateway does for `queryStringParameters`. */
function queryOf(rawQueryString: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  }
  return query;
}

function requestOf(method: HttpMethod, event: APIGatewayProxyEventV2): ApiRequest {
  const { authorization: _authorization, cookie: _cookie, ...headers } = event.headers;
  return {
    method,
    path: event.rawPath,
    rawQueryString: event.rawQueryString,
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    requestId: event.requestContext.requestId || randomUUID(),
  };
}

/** Known refusals keep their status; the webhooks package's refusals become 400/404; the rest a bare 500. */
function toProblem(error: unknown, deps: ApiDeps): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof NotFoundError) return notFound(`No such ${error.entity}.`);
  if (error instanceof InvalidRequestError) return badRequest(error.message);
  if (error instanceof Error && error.name === 'DestinationRefusedError')
    return badRequest('The endpoint URL may not be called.');
  deps.logger.error('api request failed', {
    error: error instanceof Error ? { name: error.name, message: error.message } : 'unknown',
  });
  return new ApiProblem(500, 'Internal error', 'The request could not be completed; try again later.');
}
