import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRoute,
  apiRoutes,
  createDevIssuerKey,
  mintDevToken,
  type Role,
  roleScopes,
  roles,
} from '../src/index.js';
import { type ApiHarness, startApiHarness } from './support/harness.js';

const own = { producerId: 'HTX-OWN', province: 'Yên Bái', district: 'Văn Chấn' };
const other = { producerId: 'HTX-OTHER', province: 'Lào Cai', district: 'Sa Pa' };

/** A concrete path for a route: every `{param}` filled from `reach` (ids that need a format get one). */
function pathOf(route: ApiRoute, reach: { producerId: string; province: string; district: string }): string {
  const values: Record<string, string> = {
    ...reach,
    endpointId: 'ep_0123456789abcdef01234567',
    messageId: 'msg_authz_test',
  };
  return route.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

/** Independent of `authorise`: what the access rules say each role may do on a route. */
function mayUse(role: Role, route: ApiRoute): boolean {
  if (role === 'operator') return true;
  if (route.scope === 'public' || !roleScopes[role].includes(route.scope)) return false;
  if (role === 'producer') return route.pathParams.includes('producerId');
  if (role === 'provincial-official') return route.pathParams.includes('province');
  return route.pathParams.includes('province') && route.pathParams.includes('district');
}

const protectedRoutes = apiRoutes.filter((route) => route.scope !== 'public');
const claimsOf = (role: Role) => ({
  role,
  ...(role === 'producer' ? { producerId: own.producerId } : {}),
  ...(role.endsWith('official') ? { province: own.province } : {}),
  ...(role === 'district-official' ? { district: own.district } : {}),
});

describe('authorisation over every route × role', () => {
  let api: ApiHarness;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    api = await startApiHarness();
    for (const role of roles) tokens.set(role, await api.mint(claimsOf(role)));
  });
  afterAll(async () => {
    await api?.close();
  });
  const call = (route: ApiRoute, token: string | undefined, reach = own) =>
    api.call({ method: route.method, path: pathOf(route, reach), ...(token === undefined ? {} : { token }) });

  it('declares a scope on every route, and every path parameter it reaches by', () => {
    for (const route of apiRoutes) {
      expect(['public', ...roleScopes.operator]).toContain(route.scope);
      if (
        route.scope.startsWith('producer') ||
        route.scope === 'webhooks:manage' ||
        route.scope === 'shops:connect'
      )
        expect(route.pathParams, route.path).toContain('producerId');
      if (route.scope === 'area:read') expect(route.pathParams, route.path).toContain('province');
    }
  });

  // Concurrent within a route: each case is a few independent requests (the rate limit is far above them).
  for (const route of protectedRoutes) {
    describe.concurrent(`${route.method} ${route.path} (${route.scope})`, () => {
      it('refuses a request without a token (401, with WWW-Authenticate)', async () => {
        const answer = await call(route, undefined);
        expect(answer.status).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Bearer');
      });

      for (const role of roles) {
        it(`${mayUse(role, route) ? 'lets' : 'refuses (403)'} a ${role} on its own producer or area`, async () => {
          const answer = await call(route, tokens.get(role));
          if (mayUse(role, route)) expect([401, 403]).not.toContain(answer.status);
          else expect(answer.status).toBe(403);
        });
      }

      it("refuses a producer or an official another producer's id or another area (403, no IDOR)", async () => {
        for (const role of roles.filter((candidate) => candidate !== 'operator')) {
          const answer = await call(route, tokens.get(role), other);
          expect(answer.status, role).toBe(403);
        }
        const operator = await call(route, tokens.get('operator'), other);
        expect([401, 403]).not.toContain(operator.status);
      });
    });
  }
});

describe('authentication', () => {
  let api: ApiHarness;
  const route = apiRoutes.find((candidate) => candidate.path === '/v1/producers/{producerId}/products');
  const path = `/v1/producers/${own.producerId}/products`;
  beforeAll(async () => {
    api = await startApiHarness();
  });
  afterAll(async () => {
    await api?.close();
  });
  const status = async (token: string) => (await api.call({ method: 'GET', path, token })).status;

  it('has the route these cases use', () => {
    expect(route?.scope).toBe('producer:read');
  });

  it('accepts a fresh producer token for its own producer', async () => {
    expect(await status(await api.mint({ role: 'producer', producerId: own.producerId }))).toBe(200);
  });

  it('refuses an expired token with a detail that says so', async () => {
    const token = await api.mint({ role: 'producer', producerId: own.producerId, expiresInSeconds: -120 });
    const answer = await api.call({ method: 'GET', path, token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ detail: 'The token has expired.' });
  });

  it('refuses a token whose signature was altered', async () => {
    const token = await api.mint({ role: 'producer', producerId: own.producerId });
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await status(`${header}.${payload}.${flipped}`)).toBe(401);
  });

  it('refuses a token whose claims were changed after signing (another producer id)', async () => {
    const token = await api.mint({ role: 'producer', producerId: 'HTX-OTHER' });
    const [header, payload = '', signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'custom:producer_id': own.producerId })).toString(
      'base64url',
    );
    expect(await status(`${header}.${forged}.${signature}`)).toBe(401);
  });

  it('refuses a token signed by another key under the same key id', async () => {
    const { key } = await createDevIssuerKey(api.issuer.issuer);
    const impostor = { ...key, privateJwk: { ...key.privateJwk, kid: api.issuer.key.privateJwk.kid } };
    expect(await status(await mintDevToken(impostor, { role: 'operator' }))).toBe(401);
  });

  it('refuses a token of another issuer or for another app client', async () => {
    const otherIssuer = {
      ...api.issuer.key,
      issuer: 'https://cognito-idp.ap-southeast-1.amazonaws.com/other',
    };
    expect(await status(await mintDevToken(otherIssuer, { role: 'operator' }))).toBe(401);
    const otherClient = { ...api.issuer.key, audience: 'another-app-client' };
    expect(await status(await mintDevToken(otherClient, { role: 'operator' }))).toBe(401);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      iss: api.issuer.issuer,
      sub: 'x',
      token_use: 'access',
      client_id: api.issuer.audience,
      'cognito:groups': ['operator'],
      exp: now + 600,
    })}.`;
    expect(await status(unsigned)).toBe(401);
  });

  it('refuses (403) a valid producer token that names no producer', async () => {
    expect(await status(await api.mint({ role: 'producer' }))).toBe(403);
  });

  it('refuses (401) a bearer value that is not a JWT, and a scheme other than Bearer', async () => {
    expect(await status('not-a-jwt')).toBe(401);
    const token = await api.mint({ role: 'producer', producerId: own.producerId });
    const answer = await api.call({ method: 'GET', path, headers: { authorization: `Basic ${token}` } });
    expect(answer.status).toBe(401);
  });
});
