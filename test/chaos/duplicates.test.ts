import { describe, expect, it } from 'vitest';
import { expectNoLoss, runSmallScenario } from './chaos-kit.js';

describe('chaos: duplicates', () => {
  it('delivers every event twice, shuffles every batch, and ends as the fault-free run does', async () => {
    // Prepare + Act: the fault-free reference run, then the same workload with the faults.
    const report = await runSmallScenario('duplicates');

    // Assess
    expect(report.injected.shuffledBatches ?? 0).toBeGreaterThan(0);
    expectNoLoss(report);
  }, 38_000);
});
