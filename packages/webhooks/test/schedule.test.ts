import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SECONDS, RETRY_SCHEDULE_SECONDS } from '../src/constants.js';
import { type AttemptSummary, planNextAttempt, queueDelaySeconds } from '../src/schedule.js';

const now = new Date('2025-03-10T02:00:00.000Z');
const failed: AttemptSummary = { succeeded: false, retryable: true };

describe('retry schedule', () => {
  it('attempts a new delivery immediately', () => {
    expect(planNextAttempt([], now)).toEqual({ kind: 'attempt', at: now, delaySeconds: 0 });
  });

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h between retryable failures', () => {
    const delays: number[] = [];
    const attempts: AttemptSummary[] = [];
    for (
      let plan = planNextAttempt(attempts, now);
      plan.kind === 'attempt';
      plan = planNextAttempt(attempts, now)
    ) {
      delays.push(plan.delaySeconds);
      attempts.push(failed);
    }
    expect(delays).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(planNextAttempt(attempts, now)).toEqual({ kind: 'done', status: 'failed', reason: 'exhausted' });
  });

  it('spreads the attempts over about a day', () => {
    const totalHours = RETRY_SCHEDULE_SECONDS.reduce((sum, delay) => sum + delay, 0) / 3600;
    expect(totalHours).toBeGreaterThan(24);
    expect(totalHours).toBeLessThan(30);
  });

  it('stops after a success', () => {
    expect(planNextAttempt([failed, { succeeded: true, retryable: false }], now)).toMatchObject({
      status: 'delivered',
    });
  });

  it('stops after a permanent failure', () => {
    expect(planNextAttempt([{ succeeded: false, retryable: false }], now)).toMatchObject({
      status: 'failed',
      reason: 'permanent-failure',
    });
  });

  it('honours a longer Retry-After, up to an hour', () => {
    expect(planNextAttempt([{ ...failed, retryAfterSeconds: 120 }], now)).toMatchObject({
      delaySeconds: 120,
    });
    expect(planNextAttempt([{ ...failed, retryAfterSeconds: 86_400 }], now)).toMatchObject({
      delaySeconds: MAX_RETRY_AFTER_SECONDS,
    });
    expect(planNextAttempt([failed, failed, failed, { ...failed, retryAfterSeconds: 1 }], now)).toMatchObject(
      {
        delaySeconds: 7200,
      },
    );
  });

  it('never plans an attempt before now, and never more than eight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ retryAfterSeconds: fc.option(fc.nat(100_000), { nil: undefined }) }), {
          maxLength: 12,
        }),
        (list) => {
          const attempts = list.map((entry) => ({ ...failed, ...entry }));
          const plan = planNextAttempt(attempts, now);
          if (attempts.length >= RETRY_SCHEDULE_SECONDS.length) return plan.kind === 'done';
          return plan.kind === 'attempt' && plan.at.getTime() >= now.getTime();
        },
      ),
    );
  });

  it('hands delays up to 15 minutes to the queue and longer ones to the sweep', () => {
    expect(queueDelaySeconds(new Date(now.getTime() + 300_000), now)).toBe(300);
    expect(queueDelaySeconds(new Date(now.getTime() - 1000), now)).toBe(0);
    expect(queueDelaySeconds(new Date(now.getTime() + 1_800_000), now)).toBeUndefined();
  });
});
