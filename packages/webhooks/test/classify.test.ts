import { describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfter, toAttemptResult } from '../src/classify.js';

describe('response classification', () => {
  it.each([
    [200, 'delivered', true, false],
    [204, 'delivered', true, false],
    [409, 'duplicate', true, false],
    [408, 'retryable-status', false, true],
    [429, 'retryable-status', false, true],
    [500, 'retryable-status', false, true],
    [503, 'retryable-status', false, true],
    [301, 'rejected', false, false],
    [400, 'rejected', false, false],
    [401, 'rejected', false, false],
    [404, 'rejected', false, false],
    [410, 'rejected', false, false],
    [422, 'rejected', false, false],
  ])('treats %i as %s', (status, outcome, succeeded, retryable) => {
    expect(classifyStatus(status)).toEqual({ outcome, succeeded, retryable });
  });

  it('retries timeouts and connection errors but not a refused destination', () => {
    const at = new Date();
    expect(
      toAttemptResult({ kind: 'error', error: 'timeout', code: 'request-timeout' }, at, 10),
    ).toMatchObject({ retryable: true });
    expect(
      toAttemptResult({ kind: 'error', error: 'connection-error', code: 'ECONNREFUSED' }, at, 1),
    ).toMatchObject({
      retryable: true,
      errorCode: 'ECONNREFUSED',
    });
    expect(
      toAttemptResult({ kind: 'error', error: 'destination-refused', code: 'refused-address' }, at, 0),
    ).toMatchObject({
      retryable: false,
    });
  });

  it('keeps at most 1 KiB of a response body in the log', () => {
    const result = toAttemptResult(
      { kind: 'response', statusCode: 500, body: 'x'.repeat(5000) },
      new Date(),
      3,
    );
    expect(result.responseBody).toHaveLength(1024);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2025-03-10T02:00:00.000Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Mon, 10 Mar 2025 02:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
