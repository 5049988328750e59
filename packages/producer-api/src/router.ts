import type { ApiRoute, HttpMethod } from './route.js';

export type RouteMatch =
  | { kind: 'found'; route: ApiRoute; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: readonly HttpMethod[] }
  | { kind: 'not-found' };

/** Matches `/v1/producers/P-1/products` against `/v1/producers/{producerId}/products`; params are URL-decoded. */
export function matchRoute(routes: readonly ApiRoute[], method: string, path: string): RouteMatch {
  const segments = path.split('/');
  const allowed: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (params === undefined) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' };
}

function matchPath(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    const name = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
      continue;
    }
    const value = decode(segment);
    if (value === undefined || value === '') return undefined;
    params[name] = value;
  }
  return params;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
