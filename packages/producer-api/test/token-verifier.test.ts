import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem, createDevIssuerKey, createTokenVerifier, type DevIssuerKey } from '../src/index.js';

const issuer = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_TEST';

/** Signs arbitrary claims as the pool would, so the cases below can shape tokens the dev issuer never makes. */
async function sign(key: DevIssuerKey, claims: Record<string, unknown>, expiresIn = 600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.privateJwk.kid })
    .setIssuer(key.issuer)
    .setSubject('user-1')
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(await importJWK(key.privateJwk, 'RS256'));
}

describe('Cognito token verification', () => {
  let key: DevIssuerKey;
  let verify: ReturnType<typeof createTokenVerifier>;
  beforeAll(async () => {
    const made = await createDevIssuerKey(issuer);
    key = made.key;
    const directory = mkdtempSync(join(tmpdir(), 'ocop-jwks-'));
    writeFileSync(join(directory, 'jwks.json'), JSON.stringify(made.jwks));
    verify = createTokenVerifier({
      issuer,
      audience: key.audience,
      jwksUrl: pathToFileURL(join(directory, 'jwks.json')).href,
    });
  });
  const statusOf = async (token: string) => {
    try {
      await verify(`Bearer ${token}`);
      return 200;
    } catch (error) {
      return error instanceof ApiProblem ? error.status : 'thrown';
    }
  };

  it('takes an id token by its aud and an access token by its client_id', async () => {
    const idToken = await sign(key, {
      token_use: 'id',
      aud: key.audience,
      'cognito:groups': ['provincial-official'],
      'custom:province': 'Lâm Đồng',
    });
    expect(await verify(`Bearer ${idToken}`)).toMatchObject({
      role: 'provincial-official',
      province: 'Lâm Đồng',
    });
    const accessForOther = await sign(key, {
      token_use: 'access',
      client_id: 'other-client',
      aud: key.audience,
      'cognito:groups': ['operator'],
    });
    expect(await statusOf(accessForOther)).toBe(401);
  });

  it('refuses a token without token_use, with an unknown one, or with two role groups', async () => {
    expect(await statusOf(await sign(key, { client_id: key.audience, 'cognito:groups': ['operator'] }))).toBe(
      401,
    );
    expect(
      await statusOf(
        await sign(key, { token_use: 'refresh', client_id: key.audience, 'cognito:groups': ['operator'] }),
      ),
    ).toBe(401);
    const twoRoles = await sign(key, {
      token_use: 'access',
      client_id: key.audience,
      'cognito:groups': ['producer', 'operator'],
      'custom:producer_id': 'HTX-1',
    });
    expect(await statusOf(twoRoles)).toBe(403);
    const noRole = await sign(key, {
      token_use: 'access',
      client_id: key.audience,
      'cognito:groups': ['staff'],
    });
    expect(await statusOf(noRole)).toBe(403);
  });

  it('treats keys it cannot fetch as an outage, not as a bad token', async () => {
    const unreachable = createTokenVerifier({
      issuer,
      audience: key.audience,
      jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json',
    });
    const token = await sign(key, {
      token_use: 'access',
      client_id: key.audience,
      'cognito:groups': ['operator'],
    });
    const outcome = await unreachable(`Bearer ${token}`).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect(outcome).not.toBeInstanceOf(ApiProblem);
  });
});
