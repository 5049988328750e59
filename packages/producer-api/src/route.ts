import type { z } from 'zod';
import type { ApiDeps } from './deps.js';
import type { Caller, RouteScope } from './scopes.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** What a handler sees of the HTTP request, beyond its validated params, query and body. */
export interface ApiRequest {
  readonly method: HttpMethod;
  /** The raw path, e.g. `/v1/producers/P-1/products`. */
  readonly path: string;
  readonly rawQueryString: string;
  /** Lower-case names (API Gateway payload 2.0 lower-cases them). Authorization is removed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string;
}

/** The argument of a route's `handle`: everything validated, the caller authorised. */
export interface RouteContext<Params, Query, Body, S extends RouteScope> {
  /** Undefined only on `public` routes (no token); such a route must authenticate the request itself. */
  readonly caller: S extends 'public' ? Caller | undefined : Caller;
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  readonly deps: ApiDeps;
  readonly request: ApiRequest;
}

/** A non-default status or extra headers (e.g. `201` with `location`, or a `302` redirect with no body). */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly status: number,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export const reply = <T>(body: T, options: { status: number; headers?: Record<string, string> }) =>
  new Reply(body, options.status, options.headers);

type Schema = z.ZodType;
type Output<S extends Schema | undefined, Fallback> = S extends Schema ? z.output<S> : Fallback;

/** A route as written: typed params/query/body from its zod schemas. */
export interface RouteDefinition<
  S extends RouteScope,
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema,
> {
  readonly method: HttpMethod;
  /** API Gateway style, `{name}` for a path parameter: `/v1/producers/{producerId}/products`. */
  readonly path: `/v1/${string}`;
  readonly scope: S;
  /** One line for the OpenAPI operation; `description` may say more. */
  readonly summary: string;
  readonly description?: string;
  /** OpenAPI tag (e.g. `products`, `webhooks`, `shops`, `area`). */
  readonly tag: string;
  /** The status of a plain (non-`Reply`) result; 200 unless said. */
  readonly successStatus?: 200 | 201 | 202 | 204;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The success body; a handler's result is parsed with it, so fields it does not name never leave. */
  readonly response: R;
  handle(
    context: RouteContext<
      Output<P, Record<string, never>>,
      Output<Q, Record<string, never>>,
      Output<B, undefined>,
      S
    >,
  ): Promise<z.input<R> | Reply<z.input<R>>>;
}

/** A route with its types erased, as the framework, the OpenAPI generator and the authz test see it. */
export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: `/v1/${string}`;
  readonly scope: RouteScope;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly successStatus: 200 | 201 | 202 | 204;
  readonly params?: Schema;
  readonly query?: Schema;
  readonly body?: Schema;
  readonly response: Schema;
  /** Names of the path's `{params}`, in order. */
  readonly pathParams: readonly string[];
  handle(context: RouteContext<unknown, unknown, unknown, RouteScope>): Promise<unknown>;
}

/**
 * Declares one API route. Collect routes in `apiRoutes` (routes/index.ts): the handler, the OpenAPI file and
 * the authorisation test are all driven by that array.
 *
 * @example
 * export const listProducts = defineRoute({
 *   method: 'GET', path: '/v1/producers/{producerId}/products', scope: 'producer:read', tag: 'products',
 *   summary: "The producer's products", params: producerParams, response: productList,
 *   handle: async ({ params, deps }) => toList(await deps.ledger.listByProducer(params.producerId)),
 * });
 */
export function defineRoute<
  S extends RouteScope,
  R extends Schema,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(definition: RouteDefinition<S, P, Q, B, R>): ApiRoute {
  const { handle, successStatus, ...rest } = definition;
  return {
    ...rest,
    successStatus: successStatus ?? 200,
    pathParams: [...definition.path.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((match) => match[1] ?? ''),
    // The framework parses params, query and body with this route's schemas before calling, so the
    // erased context holds exactly the typed values.
    handle: (context) => handle(context as Parameters<typeof handle>[0]),
  };
}
