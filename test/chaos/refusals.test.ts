import { describe, expect, it } from 'vitest';
import { expectNoLoss, runSmallScenario } from './chaos-kit.js';

describe('chaos: refusals', () => {
  it('records each item a marketplace refuses as a failed listing with a reason, the rest as the fault-free run', async () => {
    // Prepare + Act: the fault-free reference run, then the same workload with the faults.
    const report = await runSmallScenario('refusals');

    // Assess
    expect(report.intendedRejections.expected).toBeGreaterThan(0);
    expect(report.intendedRejections.accountedFor).toBe(report.intendedRejections.expected);
    expectNoLoss(report);
  }, 38_000);
});
