import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiAnswer, type ApiHarness, startApiHarness, uid } from './support/harness.js';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A producer's webhook receiver on loopback (allowed in local mode): keeps what arrives, answers 204. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ocop-hooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const created = z.object({
  endpoint: z.object({ endpointId: z.string(), eventTypes: z.array(z.string()) }),
  secret: z.string(),
});

describe('webhook endpoint routes, end to end', () => {
  let api: ApiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const producerId = uid('HTX');
  let token: string;
  const answers: ApiAnswer[] = [];
  const secrets: string[] = [];
  let endpointId = '';
  const base = () => `/v1/producers/${producerId}/webhook-endpoints`;
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await api.call({ method, path, token, ...(body === undefined ? {} : { body }) });
    answers.push(answer);
    return answer;
  };
  const verifies = (secret: string, message: Received | undefined) => {
    if (message === undefined) return false;
    try {
      new Webhook(secret).verify(message.body, message.headers);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    api = await startApiHarness();
    receiver = await startReceiver();
    token = await api.mint({ role: 'producer', producerId });
  });
  afterAll(async () => {
    await receiver?.close();
    await api?.close();
  });

  it('creates an endpoint (201) and shows its signing secret this once', async () => {
    const answer = await call('POST', base(), {
      url: receiver.url,
      eventTypes: ['listing.live', 'listing.failed'],
      description: 'Kho HTX',
    });
    expect(answer.status).toBe(201);
    const body = created.parse(answer.body);
    expect(body.secret).toMatch(/^whsec_/);
    expect(answer.headers['cache-control']).toBe('no-store');
    secrets.push(body.secret);
    endpointId = body.endpoint.endpointId;
  });

  it('refuses an endpoint with an unknown event type (400) or a URL with credentials (400)', async () => {
    const unknown = await call('POST', base(), { url: receiver.url, eventTypes: ['listing.sold'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ errors: [{ location: 'body', path: ['eventTypes', 0] }] });
    const credentials = await call('POST', base(), {
      url: 'http://user:pass@127.0.0.1:1/x',
      eventTypes: ['listing.live'],
    });
    expect(credentials.status).toBe(400);
  });

  it('lists endpoints without their secrets and changes event types', async () => {
    const list = await call('GET', base());
    expect(list.body).toMatchObject({
      count: 1,
      items: [{ endpointId, url: receiver.url, status: 'active' }],
    });
    const patched = await call('PATCH', `${base()}/${endpointId}`, { eventTypes: ['stock.low'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ eventTypes: ['stock.low'] });
  });

  it('sends a signed test message the receiver can verify with the secret', async () => {
    const answer = await call('POST', `${base()}/${endpointId}/test`);
    expect(answer.body).toMatchObject({
      attempt: { outcome: 'delivered', succeeded: true, httpStatus: 204 },
    });
    const message = receiver.received.at(-1);
    expect(message?.headers['webhook-id']).toBe((answer.body as { messageId: string }).messageId);
    expect(verifies(secrets[0] ?? '', message)).toBe(true);
  });

  it('rotates the secret: the new one shown once, and both sign during the overlap', async () => {
    const answer = await call('POST', `${base()}/${endpointId}/rotate-secret`, { overlapSeconds: 600 });
    const { secret } = z.object({ secret: z.string(), overlapUntil: z.string() }).parse(answer.body);
    expect(secret).not.toBe(secrets[0]);
    secrets.push(secret);
    await call('POST', `${base()}/${endpointId}/test`);
    const message = receiver.received.at(-1);
    expect(verifies(secret, message)).toBe(true);
    expect(verifies(secrets[0] ?? '', message)).toBe(true);
  });

  it('lists recent deliveries and replays one to the endpoint with the same message id', async () => {
    const messageId = `msg_${uid('api')}`;
    const { tasks } = await api.deps.webhooks.publish({
      messageId,
      producerId,
      type: 'stock.low',
      body: JSON.stringify({ type: 'stock.low', timestamp: new Date().toISOString(), data: { producerId } }),
      sourceEventId: uid('evt'),
      occurredAt: new Date().toISOString(),
    });
    expect(tasks).toHaveLength(1);
    for (const task of tasks) await api.deps.webhooks.attempt(task);
    const deliveries = await call('GET', `${base()}/${endpointId}/deliveries`);
    expect(deliveries.body).toMatchObject({ items: [{ messageId, status: 'delivered', attempts: 1 }] });
    const before = receiver.received.length;
    const replay = await call('POST', `${base()}/${endpointId}/deliveries/${messageId}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ messageId, replayed: true });
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)?.headers['webhook-id']).toBe(messageId);
  });

  it("answers 404 for another producer's endpoint named under one's own producer id", async () => {
    const neighbour = uid('HTX');
    const registered = await api.deps.webhooks.registerEndpoint({
      producerId: neighbour,
      url: receiver.url,
      eventTypes: ['stock.low'],
    });
    const answer = await call('POST', `${base()}/${registered.endpoint.endpointId}/rotate-secret`, {});
    expect(answer.status).toBe(404);
    const replay = await call('GET', `${base()}/${registered.endpoint.endpointId}/deliveries`);
    expect(replay.status).toBe(404);
  });

  it('never returns a secret after the answer that created it, and never logs one', () => {
    expect(secrets).toHaveLength(2);
    const [first, second] = secrets;
    const showing = (secret: string | undefined) =>
      answers.filter((answer) => secret !== undefined && answer.text.includes(secret));
    expect(showing(first)).toHaveLength(1);
    expect(showing(second)).toHaveLength(1);
    for (const secret of secrets) {
      expect(api.log.text()).not.toContain(secret);
      expect(api.log.text()).not.toContain(secret.replace(/^whsec_/, ''));
    }
    expect(api.log.text()).not.toContain(token);
  });
});
