import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../src/deliver.js';
import { createHttpTransport } from '../src/http-transport.js';
import { generateSecret, signedHeaders } from '../src/signing.js';
import type { HttpTransport } from '../src/types.js';
import { manualClock, type Receiver, startReceiver } from './support/receiver.js';

const message = {
  messageId: 'msg_7f3c2a9d0b1e4f5a8c6d2e1f0a9b8c7d',
  body: JSON.stringify({
    type: 'stock.low',
    timestamp: '2025-03-10T09:00:00+07:00',
    data: { productId: 'TH-CHE-0012' },
  }),
};

describe('delivery over real HTTP', () => {
  let receiver: Receiver;
  const transport = createHttpTransport({ mode: 'local', requestTimeoutMs: 400, maxBodyBytes: 2048 });
  const clock = manualClock();
  const secret = generateSecret();
  const send = (path: string, secrets: readonly string[] = [secret], via: HttpTransport = transport.send) =>
    deliver(message, { endpointId: 'ep_test', url: receiver.url(path), secrets }, { transport: via, clock });

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    transport.close();
    await receiver.close();
  });

  it('signs with the published Standard Webhooks test vector', () => {
    const headers = signedHeaders(
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(headers['webhook-timestamp']).toBe('1614265330');
  });

  it('is accepted by a receiver verifying with the standardwebhooks package', async () => {
    receiver.on('/ok', { kind: 'verify', secret });
    const result = await send('/ok');
    expect(result).toMatchObject({ outcome: 'delivered', succeeded: true, statusCode: 204 });
    const [entry] = receiver.at('/ok');
    expect(entry?.verified).toBe(true);
    expect(entry?.headers['webhook-id']).toBe(message.messageId);
    expect(entry?.body).toBe(message.body);
  });

  it('is rejected when the body is tampered with after signing', async () => {
    receiver.on('/tampered', { kind: 'verify', secret });
    const tampering: HttpTransport = (request) =>
      transport.send({ ...request, body: request.body.replace('TH-CHE-0012', 'TH-CHE-0013') });
    const result = await send('/tampered', [secret], tampering);
    expect(result).toMatchObject({ outcome: 'rejected', statusCode: 401, retryable: false });
    expect(receiver.at('/tampered')[0]?.error).toMatch(/No matching signature/);
  });

  it('is rejected by a receiver holding another secret', async () => {
    receiver.on('/wrong-secret', { kind: 'verify', secret: generateSecret() });
    expect(await send('/wrong-secret')).toMatchObject({ statusCode: 401 });
  });

  it.each([
    ['too old', -10 * 60_000],
    ['too new', 10 * 60_000],
  ])('is rejected when the timestamp is %s for the tolerance', async (label, offsetMs) => {
    receiver.on(`/skew-${label.replace(' ', '-')}`, { kind: 'verify', secret });
    const skewed = manualClock(new Date(Date.now() + offsetMs));
    const result = await deliver(
      message,
      { endpointId: 'ep_test', url: receiver.url(`/skew-${label.replace(' ', '-')}`), secrets: [secret] },
      { transport: transport.send, clock: skewed },
    );
    expect(result.statusCode).toBe(401);
    expect(receiver.at(`/skew-${label.replace(' ', '-')}`)[0]?.error).toMatch(new RegExp(label));
  });

  it('signs with both secrets during a rotation overlap, so either one verifies', async () => {
    const next = generateSecret();
    receiver.on('/old', { kind: 'verify', secret });
    receiver.on('/new', { kind: 'verify', secret: next });
    expect(await send('/old', [next, secret])).toMatchObject({ succeeded: true });
    expect(await send('/new', [next, secret])).toMatchObject({ succeeded: true });
    expect(receiver.at('/new')[0]?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
  });

  it('times out a receiver that does not answer in time', async () => {
    receiver.on('/slow', { kind: 'slow', delayMs: 2000 });
    const result = await send('/slow');
    expect(result).toMatchObject({ outcome: 'timeout', retryable: true, errorCode: 'request-timeout' });
    expect(result.latencyMs).toBeLessThan(1500);
  });

  it('reads a large response body only up to the cap', async () => {
    receiver.on('/chatty', { kind: 'status', status: 500, body: 'lỗi '.repeat(100_000) });
    const result = await send('/chatty');
    expect(result).toMatchObject({ outcome: 'retryable-status', statusCode: 500 });
    expect(result.responseBody?.length).toBeLessThanOrEqual(1024);
  });

  it('keeps Retry-After from a throttling receiver', async () => {
    receiver.on('/throttled', { kind: 'status', status: 429, headers: { 'retry-after': '90' } });
    expect(await send('/throttled')).toMatchObject({ outcome: 'retryable-status', retryAfterSeconds: 90 });
  });

  it('does not follow redirects', async () => {
    receiver.on('/moved', { kind: 'status', status: 302, headers: { location: 'http://169.254.169.254/' } });
    expect(await send('/moved')).toMatchObject({ outcome: 'rejected', statusCode: 302, retryable: false });
  });

  it('reports a closed port as a retryable connection error', async () => {
    const closed = await startReceiver();
    const url = closed.url('/gone');
    await closed.close();
    const result = await deliver(
      message,
      { endpointId: 'ep_test', url, secrets: [secret] },
      { transport: transport.send, clock },
    );
    expect(result).toMatchObject({ outcome: 'connection-error', retryable: true, errorCode: 'ECONNREFUSED' });
  });
});
