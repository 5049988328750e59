import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { z } from 'zod';
import { type Role, roleScopes } from '../scopes.js';

/** The app client id of local tokens (Cognito: the user pool app client id). */
export const DEV_AUDIENCE = 'ocop-sync-local';

/** Who a development token is for: the same attributes a Cognito user of the pool has. */
export interface DevTokenClaims {
  role: Role;
  /** Defaults to a fresh `local-<uuid>`. */
  subject?: string;
  producerId?: string;
  province?: string;
  district?: string;
  /** Seconds from now; default 3600 (Cognito's default access token lifetime). Negative: already expired. */
  expiresInSeconds?: number;
  /** Tests: sign as of another time. */
  now?: Date;
}

/** What minting needs, as written to `.ocop-sync/dev-issuer.json` for the CLI's `dev-token`. */
export const devIssuerKey = z.object({
  issuer: z.url(),
  audience: z.string().min(1),
  privateJwk: z.looseObject({ kty: z.literal('RSA'), kid: z.string() }),
});
export type DevIssuerKey = z.infer<typeof devIssuerKey>;

/**
 * A Cognito-shaped access token (Cognito developer guide, "access token"): RS256, `kid` in the header,
 * `token_use: access`, `client_id`, `cognito:groups` with the role, `scope`, and the pool's custom attributes
 * (`custom:producer_id`, `custom:province`, `custom:district`), which a pre-token-generation trigger adds in
 * the cloud.
 */
export async function mintDevToken(key: DevIssuerKey, claims: DevTokenClaims): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  const now = Math.floor((claims.now ?? new Date()).getTime() / 1000);
  const subject = claims.subject ?? `local-${randomUUID()}`;
  return new SignJWT({
    token_use: 'access',
    client_id: key.audience,
    username: subject,
    scope: roleScopes[claims.role].join(' '),
    'cognito:groups': [claims.role],
    ...(claims.producerId === undefined ? {} : { 'custom:producer_id': claims.producerId }),
    ...(claims.province === undefined ? {} : { 'custom:province': claims.province }),
    ...(claims.district === undefined ? {} : { 'custom:district': claims.district }),
    auth_time: now,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.privateJwk.kid, typ: 'JWT' })
    .setIssuer(key.issuer)
    .setSubject(subject)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expiresInSeconds ?? 3600))
    .sign(privateKey);
}

/** A fresh RSA key pair for `issuer`: the private JWK (to mint) and the public JWKS (to verify). */
export async function createDevIssuerKey(
  issuer: string,
): Promise<{ key: DevIssuerKey; jwks: { keys: JWK[] } }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    key: devIssuerKey.parse({ issuer, audience: DEV_AUDIENCE, privateJwk }),
    jwks: { keys: [publicJwk] },
  };
}

export interface DevIssuer {
  /** The `iss` of its tokens, `http://127.0.0.1:PORT`. */
  readonly issuer: string;
  readonly audience: string;
  /** `${issuer}/.well-known/jwks.json`, where Cognito serves a pool's keys. */
  readonly jwksUrl: string;
  readonly key: DevIssuerKey;
  mint(claims: DevTokenClaims): Promise<string>;
  /** What the API function needs to trust it (`API_JWT_ISSUER`, `API_JWT_AUDIENCE`, `API_JWKS_URL`). */
  readonly environment: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** The local stack's token issuer: a key pair made at start, its JWKS served over HTTP on a free port. */
export async function startDevIssuer(): Promise<DevIssuer> {
  let jwksBody = '';
  const server = createServer((request, response) => {
    const found = request.method === 'GET' && request.url === '/.well-known/jwks.json';
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(found ? jwksBody : '{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const { key, jwks } = await createDevIssuerKey(issuer);
  jwksBody = JSON.stringify(jwks);
  const jwksUrl = `${issuer}/.well-known/jwks.json`;
  return {
    issuer,
    audience: key.audience,
    jwksUrl,
    key,
    mint: (claims) => mintDevToken(key, claims),
    environment: { API_JWT_ISSUER: issuer, API_JWT_AUDIENCE: key.audience, API_JWKS_URL: jwksUrl },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
