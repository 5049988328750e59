import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import { forbidden, unauthorized } from '../problems.js';
import { type Caller, type Role, roleScopes, roles } from '../scopes.js';

export interface TokenVerifierOptions {
  issuer: string;
  /** The app client id (Cognito: `client_id` of an access token, `aud` of an id token). */
  audience: string;
  /** `https:`/`http:` (fetched and cached by jose) or `file:` (read once; local development only). */
  jwksUrl: string;
  /** Seconds of clock skew allowed on `exp`/`nbf`. */
  clockToleranceSeconds?: number;
  now?: () => Date;
}

/** Turns a bearer token into a `Caller`, or throws a 401 (not a valid token) / 403 (valid, but no usable role). */
export type Authenticator = (authorization: string | undefined) => Promise<Caller>;

/**
 * Cognito's token format (Cognito developer guide, "Understanding the access token" / "the ID token"): `sub`,
 * `token_use`, `cognito:groups`, `client_id` (access) or `aud` (id), and the pool's custom attributes. Custom
 * attributes reach an access token only through a pre-token-generation trigger, so both token uses are taken.
 */
const cognitoClaims = z.object({
  sub: z.string().min(1),
  token_use: z.enum(['access', 'id']),
  client_id: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  'cognito:groups': z.array(z.string()).default([]),
  'custom:producer_id': z.string().min(1).optional(),
  'custom:province': z.string().min(1).optional(),
  'custom:district': z.string().min(1).optional(),
});

export function createTokenVerifier(options: TokenVerifierOptions): Authenticator {
  const keys = keySet(options.jwksUrl);
  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, await keys(), {
        issuer: options.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub', 'token_use'],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        ...(options.now === undefined ? {} : { currentDate: options.now() }),
      }));
    } catch (error) {
      // Keys that cannot be fetched are an outage (500), not the caller's fault.
      if (!(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout) throw error;
      throw unauthorized(reasonOf(error));
    }
    const claims = cognitoClaims.safeParse(payload);
    if (!claims.success) throw unauthorized('The token does not carry the expected claims.');
    if (!isForAudience(claims.data, options.audience))
      throw unauthorized('The token was issued for another client.');
    return callerOf(claims.data);
  };
}

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '');
  if (match?.[1] === undefined) throw unauthorized('A bearer token is required.');
  return match[1];
}

function isForAudience(claims: z.output<typeof cognitoClaims>, audience: string): boolean {
  if (claims.token_use === 'access') return claims.client_id === audience;
  return Array.isArray(claims.aud) ? claims.aud.includes(audience) : claims.aud === audience;
}

/** The caller's role is its one role group; its reach comes from the role, bound to its own producer or area. */
function callerOf(claims: z.output<typeof cognitoClaims>): Caller {
  const roleGroups = claims['cognito:groups'].filter((group): group is Role =>
    (roles as readonly string[]).includes(group),
  );
  const [role, ...others] = roleGroups;
  if (role === undefined) throw forbidden('The token carries no role group.');
  if (others.length > 0) throw forbidden('The token carries more than one role group.');
  const base = { subject: claims.sub, role, scopes: roleScopes[role] };
  const producerId = claims['custom:producer_id'];
  const province = claims['custom:province'];
  const district = claims['custom:district'];
  switch (role) {
    case 'producer':
      if (producerId === undefined) throw forbidden('A producer token must name its producer.');
      return { ...base, producerId };
    case 'provincial-official':
      if (province === undefined) throw forbidden('An official token must name its province.');
      return { ...base, province };
    case 'district-official':
      if (province === undefined || district === undefined)
        throw forbidden('A district official token must name its province and district.');
      return { ...base, province, district };
    case 'operator':
      return base;
  }
}

/** What a 401 says: the kind of failure, never the token or the key. */
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not valid.`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is not signed with RS256.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token was signed with an unknown key.';
  return 'The token is not valid.';
}

function keySet(jwksUrl: string): () => Promise<JWTVerifyGetKey> {
  const url = new URL(jwksUrl);
  if (url.protocol !== 'file:') {
    const remote = createRemoteJWKSet(url);
    return async () => remote;
  }
  let local: Promise<JWTVerifyGetKey> | undefined;
  return () => {
    local ??= readFile(fileURLToPath(url), 'utf8').then((text) =>
      createLocalJWKSet(JSON.parse(text) as JSONWebKeySet),
    );
    return local;
  };
}
