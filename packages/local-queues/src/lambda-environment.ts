import { EnvironmentMismatchError } from './errors.js';

export type LambdaEnvironment = Readonly<Record<string, string>>;

/**
 * Sets the functions' environment variables on this process once, before the handler modules are imported.
 *
 * Handlers read and validate their configuration at cold start (module scope), and an ES module is evaluated
 * once per process, so per-function environments cannot be swapped in per invocation. All functions of the
 * stack share the same keys (table name, bus name, secret ids), so the local stack merges them into one
 * environment, applies it here, then imports every handler. Merge, never overwrite: a key already set to a
 * different value is refused.
 *
 * @example
 * applyLambdaEnvironment({ LEDGER_TABLE_NAME: 'ocop-ledger', EVENT_BUS_NAME: 'ocop-sync' });
 * const { handler } = await import('../../functions/listing-sync/handler.js');
 */
export function applyLambdaEnvironment(
  environment: LambdaEnvironment,
  target: NodeJS.ProcessEnv = process.env,
): void {
  const conflicting = Object.keys(environment).filter(
    (key) => target[key] !== undefined && target[key] !== environment[key],
  );
  if (conflicting.length > 0) {
    throw new EnvironmentMismatchError(conflicting, 'already set to a different value');
  }
  Object.assign(target, environment);
}

/** Refuses to start a function whose declared environment is not what its module saw at import. */
export function assertLambdaEnvironment(
  environment: LambdaEnvironment,
  target: NodeJS.ProcessEnv = process.env,
): void {
  const missing = Object.keys(environment).filter((key) => target[key] !== environment[key]);
  if (missing.length > 0) {
    throw new EnvironmentMismatchError(
      missing,
      'not applied to process.env (call applyLambdaEnvironment first)',
    );
  }
}
