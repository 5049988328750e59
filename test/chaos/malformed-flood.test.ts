import { describe, expect, it } from 'vitest';
import { expectNoLoss, runSmallScenario } from './chaos-kit.js';

describe('chaos: malformed-flood', () => {
  it('parks every generated invalid event and writes nothing for any of them', async () => {
    // Prepare + Act: the fault-free reference run, then the same workload with the faults.
    const report = await runSmallScenario('malformed-flood');

    // Assess
    expect(report.parkedBeforeRedrive.invalid).toBe(report.injected.invalidEvents);
    expect(report.parkedAfterRedrive.invalid).toBe(report.injected.invalidEvents);
    expectNoLoss(report);
  }, 38_000);
});
