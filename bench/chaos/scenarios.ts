import type { Channel } from '@ocop-sync/domain';
import type { LocalStackChaosHooks, SampleEvent } from '@ocop-sync/local-stack';
import type { ProbeOptions } from './handler-probe.js';
import { generateInvalidEvents } from './invalid-events.js';
import { createPrng } from './prng.js';
import type { WorkloadHooks } from './run-workload.js';
import type { Workload } from './workload.js';

export const scenarioNames = [
  'duplicates',
  'marketplace-faults',
  'crash-after-write',
  'malformed-flood',
  'refusals',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ChaosSize {
  products: number;
  salesPerProduct: number;
  /** Invalid events in the malformed flood. */
  invalidEvents: number;
  /** How long a "timed-out" marketplace request is held before its connection is cut. */
  hangMs: number;
  /** Throttling answers in a row, per channel, at the start of each phase. */
  throttleBurst: number;
  /** How long a phase may take to drain. */
  settleTimeoutMs: number;
}

export const smallSize: ChaosSize = {
  products: 6,
  salesPerProduct: 2,
  invalidEvents: 30,
  hangMs: 300,
  throttleBurst: 4,
  settleTimeoutMs: 60_000,
};
export const largeSize: ChaosSize = {
  products: 120,
  salesPerProduct: 3,
  invalidEvents: 1000,
  hangMs: 10_500,
  throttleBurst: 20,
  settleTimeoutMs: 900_000,
};

/** What a scenario does to a run: local-stack hooks, handler probe options, workload hooks, refused SKUs. */
export interface ScenarioPlan {
  readonly name: ScenarioName;
  readonly describe: string;
  readonly stack: Omit<LocalStackChaosHooks, 'wrapHandler'>;
  readonly probe: Omit<ProbeOptions, 'seed'>;
  readonly workload: WorkloadHooks;
  /** Per channel, the seller SKUs the marketplace refuses for good (intended rejections). */
  readonly refused: ReadonlyMap<Channel, ReadonlySet<string>>;
  /** Counts of what was injected that the plan itself knows (the probe and sandboxes add theirs). */
  readonly injected: Record<string, number>;
}

/** Transient faults: 30 % of marketplace requests fail (5xx, held then cut, dropped), plus a throttling burst. */
export const transientFaults = (seed: number, hangMs: number) => ({
  seed,
  errorRate: 0.2,
  timeoutRate: 0.05,
  dropRate: 0.05,
  hangMs,
});

export function planScenario(
  name: ScenarioName,
  workload: Workload,
  channels: readonly Channel[],
  seed: number,
  size: ChaosSize,
): ScenarioPlan {
  const none = new Map<Channel, ReadonlySet<string>>();
  switch (name) {
    case 'duplicates':
      return {
        name,
        describe: 'every event delivered twice to its queue; every batch handed over shuffled',
        stack: { deliveryCopies: 2 },
        probe: { shuffleBatches: true },
        workload: {},
        refused: none,
        injected: {},
      };
    case 'marketplace-faults': {
      const injected = { tokenExpiries: 0, throttleBursts: 0 };
      return {
        name,
        describe:
          '30 % of marketplace requests fail (20 % 5xx, 5 % held then cut, 5 % dropped), a burst of throttling answers per phase and channel, access tokens expired mid-run',
        stack: {},
        probe: {},
        workload: {
          afterPublish: (phase, { stack, shops }) => {
            // The faults start with the listings (phase 2) and stay until the run ends.
            if (phase === 'links') return;
            for (const channel of channels) {
              injected.throttleBursts += 1;
              stack.sandboxes[channel].faults.set({
                ...transientFaults(seed, size.hangMs),
                throttleNext: size.throttleBurst,
              });
            }
            if (phase !== 'certifications') return;
            // Postmart has no tokens (expiring its grant is a disconnection, not a fault): Shopee and Lazada.
            for (const shop of shops.filter((candidate) => candidate.channel !== 'postmart')) {
              stack.sandboxes[shop.channel].expireAccessToken(shop.shopId);
              injected.tokenExpiries += 1;
            }
          },
        },
        refused: none,
        injected,
      };
    }
    case 'crash-after-write':
      return {
        name,
        describe:
          '30 % of first-attempt invocations (every function) complete, then are reported failed, so the whole batch is redelivered',
        stack: {},
        probe: { crashAfterWriteShare: 0.3 },
        workload: {},
        refused: none,
        injected: {},
      };
    case 'malformed-flood': {
      const invalid = generateInvalidEvents(workload, size.invalidEvents, seed);
      const prng = createPrng(seed);
      const perPhase = Math.ceil(invalid.length / 3);
      const batches = [
        invalid.slice(0, perPhase),
        invalid.slice(perPhase, 2 * perPhase),
        invalid.slice(2 * perPhase),
      ];
      const mixIn = (events: readonly SampleEvent[], extra: readonly SampleEvent[]) =>
        prng.shuffle([...events, ...extra]);
      return {
        name,
        describe: `${invalid.length} property-based invalid events (fast-check) shuffled into the valid traffic`,
        stack: {},
        probe: {},
        workload: {
          mix: (phase, events) => {
            const index = ['certifications', 'receipts', 'sales'].indexOf(phase);
            return index < 0 ? events : mixIn(events, batches[index] ?? []);
          },
        },
        refused: none,
        injected: { invalidEvents: invalid.length },
      };
    }
    case 'refusals': {
      const prng = createPrng(seed);
      const refused = new Map<Channel, ReadonlySet<string>>(
        channels.map((channel) => [channel, new Set(workload.productIds.filter(() => prng.chance(0.05)))]),
      );
      // Always at least one, so a small run still exercises the path.
      for (const channel of channels) {
        const set = refused.get(channel);
        if (set && set.size === 0)
          refused.set(
            channel,
            new Set([workload.productIds[prng.int(0, workload.productIds.length - 1)] ?? '']),
          );
      }
      return {
        name,
        describe: 'each marketplace refuses 5 % of the items for good (a policy refusal, not a fault)',
        stack: {},
        probe: {},
        workload: {
          setup: (stack) => {
            for (const [channel, skus] of refused)
              stack.sandboxes[channel].faults.set({ refuseSellerSkus: [...skus] });
          },
        },
        refused,
        injected: { refusedSkus: [...refused.values()].reduce((total, set) => total + set.size, 0) },
      };
    }
  }
}
