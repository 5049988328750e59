import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** One invalid field of a 400: where (path into params/query/body) and what rule it broke. */
export interface FieldIssue {
  readonly location: 'params' | 'query' | 'body' | 'headers';
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export const PROBLEM_TYPE_BASE = 'https://ocop-sync.example/problems/';

/**
 * An expected refusal, rendered as RFC 9457 problem details. Handlers throw it (or its helpers below);
 * anything else thrown becomes a 500 whose details stay in the log.
 */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    /** Short, stable per type (RFC 9457 §3.1.3). */
    readonly title: string,
    readonly detail?: string,
    readonly options: {
      /** The last segment of the problem type URI; defaults to a slug of the title. */
      type?: string;
      errors?: readonly FieldIssue[];
      headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(detail ?? title);
  }

  get type(): string {
    return `${PROBLEM_TYPE_BASE}${this.options.type ?? slug(this.title)}`;
  }
}

export const badRequest = (detail: string, errors?: readonly FieldIssue[]) =>
  new ApiProblem(400, 'Invalid request', detail, errors === undefined ? {} : { errors });
export const unauthorized = (detail: string) =>
  new ApiProblem(401, 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (detail: string) => new ApiProblem(403, 'Forbidden', detail);
export const notFound = (detail: string) => new ApiProblem(404, 'Not found', detail);
export const conflict = (detail: string) => new ApiProblem(409, 'Conflict', detail);

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The response of a problem: `application/problem+json`, `instance` is the request path. */
export function problemResponse(problem: ApiProblem, instance: string): APIGatewayProxyStructuredResultV2 {
  const body = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    instance,
    ...(problem.options.errors === undefined ? {} : { errors: problem.options.errors }),
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.options.headers },
    body: JSON.stringify(body),
  };
}
