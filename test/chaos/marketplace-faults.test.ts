import { describe, expect, it } from 'vitest';
import { expectNoLoss, runSmallScenario } from './chaos-kit.js';

describe('chaos: marketplace-faults', () => {
  it('survives 30 % transient marketplace faults, throttling bursts and expired tokens without loss', async () => {
    // Prepare + Act: the fault-free reference run, then the same workload with the faults.
    const report = await runSmallScenario('marketplace-faults');

    // Assess
    expect(Object.keys(report.injected).some((key) => / (error|timeout|drop|throttle)$/.test(key))).toBe(
      true,
    );
    expectNoLoss(report);
  }, 38_000);
});
