import type { SandboxRequest, SandboxResponse } from './http-types.js';

export type RouteParams = Readonly<Record<string, string>>;

export type RouteHandler<Context> = (
  request: SandboxRequest,
  context: Context,
  params: RouteParams,
) => SandboxResponse | Promise<SandboxResponse>;

interface CompiledRoute<Context> {
  readonly methods: readonly string[];
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: RouteHandler<Context>;
}

/** A tiny method + path router; `:name` segments become params. */
export class Router<Context> {
  readonly #routes: CompiledRoute<Context>[] = [];

  on(methods: string | readonly string[], path: string, handler: RouteHandler<Context>): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.#routes.push({
      methods: typeof methods === 'string' ? [methods] : methods,
      pattern: new RegExp(`^${source}$`),
      names,
      handler,
    });
    return this;
  }

  /** The matching route, `'method'` when only the method differs, or undefined. */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler<Context>; params: RouteParams } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (!route.methods.includes(method)) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
