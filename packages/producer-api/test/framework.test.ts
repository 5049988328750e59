import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes, defineRoute, MAX_BODY_BYTES } from '../src/index.js';
import { type ApiHarness, startApiHarness } from './support/harness.js';

const producerId = 'HTX-FRAME';

/** A route that echoes its validated body, so the framework's checks are seen apart from any domain rule. */
const echo = defineRoute({
  method: 'POST',
  path: '/v1/producers/{producerId}/echo',
  scope: 'producer:write',
  tag: 'test',
  summary: 'Echoes its body.',
  params: z.strictObject({ producerId: z.string() }),
  body: z.strictObject({
    name: z.string().min(1),
    items: z.array(z.strictObject({ quantity: z.number().int() })),
  }),
  response: z.object({ name: z.string() }),
  handle: async ({ body }) => ({ name: body.name, secretField: 'never leaves' }),
});

const failing = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/boom',
  scope: 'producer:read',
  tag: 'test',
  summary: 'Throws.',
  params: z.strictObject({ producerId: z.string() }),
  response: z.object({}),
  handle: async () => {
    throw new Error('database password is hunter2');
  },
});

function expectProblem(body: unknown, status: number, instance: string) {
  expect(body).toMatchObject({
    status,
    instance,
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
  });
}

describe('request handling', () => {
  let api: ApiHarness;
  let token: string;
  beforeAll(async () => {
    api = await startApiHarness({ routes: [...apiRoutes, echo, failing] });
    token = await api.mint({ role: 'producer', producerId });
  });
  afterAll(async () => {
    await api?.close();
  });
  const echoPath = `/v1/producers/${producerId}/echo`;

  it('answers with the validated result, without fields the response schema does not name', async () => {
    const answer = await api.call({
      method: 'POST',
      path: echoPath,
      token,
      body: { name: 'Chè', items: [] },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual({ name: 'Chè' });
  });

  it('refuses an invalid body with 400 problem details naming each field by its path', async () => {
    const answer = await api.call({
      method: 'POST',
      path: echoPath,
      token,
      body: { name: '', items: [{ quantity: 1.5 }], extra: true },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expectProblem(answer.body, 400, echoPath);
    const { errors } = z
      .object({ errors: z.array(z.object({ location: z.string(), path: z.array(z.unknown()) })) })
      .parse(answer.body);
    expect(errors.map((error) => [error.location, error.path.join('.')])).toEqual(
      expect.arrayContaining([
        ['body', 'name'],
        ['body', 'items.0.quantity'],
        ['body', ''],
      ]),
    );
  });

  it('refuses a body that is not JSON (400) and a query parameter that is not valid (400)', async () => {
    const broken = await api.call({ method: 'POST', path: echoPath, token, rawBody: '{"name":' });
    expect(broken.status).toBe(400);
    const query = await api.call({
      method: 'GET',
      path: `/v1/producers/${producerId}/listings?status=lost`,
      token,
    });
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ errors: [{ location: 'query', path: ['status'] }] });
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413`, async () => {
    const rawBody = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), items: [] });
    const answer = await api.call({ method: 'POST', path: echoPath, token, rawBody });
    expect(answer.status).toBe(413);
    expectProblem(answer.body, 413, echoPath);
  });

  it('refuses a body that is not application/json with 415', async () => {
    const answer = await api.call({
      method: 'POST',
      path: echoPath,
      token,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(415);
    expectProblem(answer.body, 415, echoPath);
  });

  it('answers 404 for an unknown route and 405 with Allow for a known path and a wrong method', async () => {
    const unknown = await api.call({ method: 'GET', path: '/v1/nothing-here', token });
    expect(unknown.status).toBe(404);
    expectProblem(unknown.body, 404, '/v1/nothing-here');
    const wrong = await api.call({ method: 'DELETE', path: `/v1/producers/${producerId}/products`, token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
  });

  it('hides an unexpected error behind a bare 500, and keeps its message out of the answer', async () => {
    const answer = await api.call({ method: 'GET', path: `/v1/producers/${producerId}/boom`, token });
    expect(answer.status).toBe(500);
    expectProblem(answer.body, 500, `/v1/producers/${producerId}/boom`);
    expect(answer.text).not.toContain('hunter2');
  });

  it('logs one line per request with the route template and caller, never the token', async () => {
    await api.call({ method: 'GET', path: `/v1/producers/${producerId}/products`, token });
    const line = api.log.lines.findLast((entry) => entry.includes('/v1/producers/{producerId}/products'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ message: 'api request', status: 200, role: 'producer' });
    expect(api.log.text()).not.toContain(token);
    expect(api.log.text()).not.toContain(token.split('.')[2]);
  });
});

describe('rate limit per caller', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // The clock is pinned mid-window, so the four requests cannot straddle a window edge.
    const midWindow = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
    api = await startApiHarness({ rateLimitPerMinute: 3, now: () => midWindow });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 with Retry-After once a caller used its window, and counts each caller apart', async () => {
    const path = `/v1/producers/${producerId}/products`;
    // Two API instances (Lambda instances) share the counter: the limit lives in the table, not in memory.
    const instances = [api.call, api.secondInstance()];
    const busy = await api.mint({ role: 'producer', producerId, subject: 'busy-caller' });
    const statuses: number[] = [];
    for (let request = 0; request < 4; request += 1) {
      const call = instances[request % 2] ?? api.call;
      statuses.push((await call({ method: 'GET', path, token: busy })).status);
    }
    const limited = await api.call({ method: 'GET', path, token: busy });
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(429);
    expect(limited.status).toBe(429);
    expectProblem(limited.body, 429, path);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBe(30);
    const calm = await api.mint({ role: 'producer', producerId, subject: 'calm-caller' });
    expect((await api.call({ method: 'GET', path, token: calm })).status).toBe(200);
  });
});
