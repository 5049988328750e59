import { type FunctionEnvironment, loadConfig } from '@ocop-sync/runtime';
import { z } from 'zod';

/**
 * The API's own environment, on top of every function's. The CDK stack sets these from the Cognito user pool
 * and the API; the local stack from its development issuer.
 */
export const apiEnvironment = z.object({
  /** The `iss` every token must carry (Cognito: `https://cognito-idp.<region>.amazonaws.com/<poolId>`). */
  API_JWT_ISSUER: z.url(),
  /** The app client id: Cognito access tokens carry it as `client_id`, id tokens as `aud`. */
  API_JWT_AUDIENCE: z.string().min(1),
  /** Where the issuer's public keys are (Cognito: `<issuer>/.well-known/jwks.json`); `file:` allowed locally. */
  API_JWKS_URL: z.url(),
  /** The secret that signs the shop-connection `state` (Secrets Manager name; local: see the local stack). */
  SHOP_CONNECT_STATE_SECRET_NAME: z.string().min(1).default('ocop-sync/shop-connect-state'),
  /** The API's public base URL (marketplace redirect targets are built from it), without a trailing slash. */
  API_PUBLIC_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  /** Requests per caller per fixed one-minute window. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
});

export type ApiConfig = FunctionEnvironment & z.output<typeof apiEnvironment>;

/** Reads and validates the function's and the API's environment once, at cold start. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const api = apiEnvironment.safeParse(env);
  if (!api.success) {
    const keys = [...new Set(api.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new Error(`invalid producer-api environment: ${keys}`);
  }
  return { ...loadConfig(env), ...api.data };
}
