import { describe, expect, it } from 'vitest';
import { expectNoLoss, runSmallScenario } from './chaos-kit.js';

describe('chaos: crash-after-write', () => {
  it('redelivers batches whose function crashed after writing, and applies nothing twice', async () => {
    // Prepare + Act: the fault-free reference run, then the same workload with the faults.
    const report = await runSmallScenario('crash-after-write');

    // Assess
    expect(report.injected.crashesAfterWrite ?? 0).toBeGreaterThan(0);
    expectNoLoss(report);
  }, 38_000);
});
