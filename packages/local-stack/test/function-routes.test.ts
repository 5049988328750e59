import { routingTable } from '@ocop-sync/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../src/index.js';

/** The HTTP and scheduled routes of the routing table run in the local stack as they do behind AWS. */
describe('local HTTP API and schedules', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    // Only the HTTP and schedule routes: no queue route is needed to reach them.
    stack = await startLocalStack({
      quiet: true,
      routes: routingTable.filter((route) => route.kind !== 'queue'),
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 404 for a route key the routing table does not declare', async () => {
    const response = await fetch(`${stack.endpoints.http}/webhooks/tiki`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  });

  it('passes a push to the marketplace-webhook function, which refuses a forged signature', async () => {
    const response = await fetch(`${stack.endpoints.http}/webhooks/postmart`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk',
      },
      body: JSON.stringify({ type: 'order.created', timestamp: new Date().toISOString(), data: {} }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('invokes the certification sweep on demand, as of the instant it is given', async () => {
    const result = await stack.schedules.invoke('certification-sweep', { now: '2027-12-01T06:00:00+07:00' });
    expect(result).toMatchObject({ expired: 0 });
    expect(stack.schedules.names).toContain('certification-sweep');
  });

  it('runs the webhook retry sweep on its schedule (nothing due on a fresh stack)', async () => {
    expect(stack.schedules.names).toContain('webhook-retry-sweep');
    await expect(stack.schedules.invoke('webhook-retry-sweep')).resolves.toEqual({ attempted: 0 });
  });

  it('refuses a sweep instant that is not a date, rather than sweeping as of today', async () => {
    await expect(stack.schedules.invoke('certification-sweep', { now: 'yesterday' })).rejects.toThrow(
      /invalid sweep payload/,
    );
  });
});
