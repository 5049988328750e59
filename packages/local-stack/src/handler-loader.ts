import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HandlerName, Route } from '@ocop-sync/routing';
import type { Context } from 'aws-lambda';
import { PLACEHOLDER_MARKER } from './constants.js';
import { LocalStackError } from './errors.js';

const functionsDirectory = fileURLToPath(new URL('../../../functions/', import.meta.url));

/** The file Lambda runs for a handler: `functions/<handler>/handler.ts`. */
export const handlerFile = (handler: HandlerName): string => `${functionsDirectory}${handler}/handler.ts`;

type Environment = Readonly<Record<string, string>>;

/** A Lambda handler as the runtime calls it: any event in, the function's result out. */
export type LambdaFunction = (event: unknown, context: Context) => Promise<unknown>;

/**
 * True while `functions/<handler>/handler.ts` is still the placeholder that throws "not implemented yet".
 * Tests use it to assert what is true of the code as it stands.
 */
export const isPlaceholderHandler = (handler: HandlerName): boolean =>
  existsSync(handlerFile(handler)) && readFileSync(handlerFile(handler), 'utf8').includes(PLACEHOLDER_MARKER);

/**
 * Imports a route's handler module with the route's environment in `process.env`. Handlers read their
 * configuration once, at module scope, so each route gets its own module instance (a per-route query string
 * (and stack instance) makes a separate module) evaluated while its environment is in place. Call sequentially, never concurrently.
 * Route-only keys (e.g. CHANNEL) are restored afterwards; the shared keys stay, as they do in a Lambda sandbox.
 */
export async function importRouteHandler(
  route: Route,
  routeEnvironment: Environment,
  instance: string,
): Promise<LambdaFunction> {
  const file = handlerFile(route.handler);
  if (!existsSync(file)) throw new LocalStackError(`handler module missing for route ${route.name}: ${file}`);
  const previous = new Map(Object.keys(routeEnvironment).map((key) => [key, process.env[key]] as const));
  Object.assign(process.env, routeEnvironment);
  try {
    const module: unknown = await import(
      // No dot in the query: Vite (under vitest) would read `.0` as the file's extension and parse TS as JS.
      `${pathToFileURL(file).href}?route=${encodeURIComponent(route.name)}&stack=${instance.replaceAll('.', '-')}`
    );
    const handler =
      module !== null && typeof module === 'object' ? Reflect.get(module, 'handler') : undefined;
    if (typeof handler !== 'function') {
      throw new LocalStackError(`${file} does not export a function named handler`);
    }
    return async (event, context) => Reflect.apply(handler, undefined, [event, context]);
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Sets the shared environment on this process and returns a function that puts back what was there. */
export function applySharedEnvironment(environment: Environment): () => void {
  const previous = new Map(Object.keys(environment).map((key) => [key, process.env[key]] as const));
  Object.assign(process.env, environment);
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
