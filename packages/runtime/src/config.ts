import { formatIssues, toIssues } from '@ocop-sync/domain';
import { type FunctionEnvironment, functionEnvironment } from '@ocop-sync/routing';

export type { FunctionEnvironment };

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Reads and validates the function environment once (call it at module scope: cold start). A missing
 * or malformed key fails the cold start loudly instead of failing every record later.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FunctionEnvironment {
  const parsed = functionEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(`invalid function environment: ${formatIssues(toIssues(parsed.error))}`);
  }
  return parsed.data;
}
