import type { Channel } from '@ocop-sync/domain';
import { expect } from 'vitest';
import {
  type ChaosOptions,
  runReference,
  runScenario,
  type ScenarioReport,
} from '../../bench/chaos/harness.js';
import { type ScenarioName, smallSize } from '../../bench/chaos/scenarios.js';

/**
 * The channels the small chaos runs use. Postmart always; Shopee and Lazada join once their sandboxes
 * host image uploads (`CHAOS_CHANNELS=postmart,shopee,lazada` runs all three now).
 */
const channels = (process.env.CHAOS_CHANNELS ?? 'postmart')
  .split(',')
  .filter((name): name is Channel => name === 'postmart' || name === 'shopee' || name === 'lazada');

export const smallChaos: ChaosOptions = {
  seed: 20241116,
  size: { ...smallSize, products: 4 },
  channels,
  retryDelaySeconds: 0.1,
};

/** Runs the fault-free reference, then the scenario, and returns the scenario's report. */
export async function runSmallScenario(name: ScenarioName): Promise<ScenarioReport> {
  const reference = await runReference(smallChaos);
  expect(reference.crashes).toEqual([]);
  return runScenario(name, smallChaos, reference.snapshot);
}

/** What every scenario must show: nothing lost, no crash, nothing written for an invalid event, no duplicate. */
export function expectNoLoss(report: ScenarioReport): void {
  expect(report.lost).toEqual([]);
  expect(report.crashes).toEqual([]);
  expect(report.invalidEventWrites).toBe(0);
  expect(report.duplicateItems).toEqual([]);
  expect(report.parkedAfterRedrive.other).toBe(0);
}
