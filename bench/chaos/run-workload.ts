import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createLedger } from '@ocop-sync/ledger';
import {
  createBusClient,
  createDemoShops,
  type DemoShop,
  type LocalStack,
  publish,
  type SampleEvent,
} from '@ocop-sync/local-stack';
import type { Workload } from './workload.js';

export type Phase = 'links' | 'certifications' | 'receipts' | 'sales';
export const phases: readonly Phase[] = ['links', 'certifications', 'receipts', 'sales'];

export interface WorkloadHooks {
  /** Events to publish with a phase's own (e.g. an invalid-event flood), in the order given back. */
  mix?: (phase: Phase, events: readonly SampleEvent[]) => readonly SampleEvent[];
  /** Called once the shops exist, before anything is published (e.g. set a sandbox's refusals). */
  setup?: (stack: LocalStack) => void;
  /** Called once a phase is published, before the drain (e.g. expire tokens while the queues work). */
  afterPublish?: (phase: Phase, run: { stack: LocalStack; shops: readonly DemoShop[] }) => void;
  settleTimeoutMs?: number;
  /** Run only these phases (benchmarks); default all four. */
  phases?: readonly Phase[];
}

export interface WorkloadRun {
  readonly shops: readonly DemoShop[];
  readonly published: number;
  readonly refusedByBus: number;
  readonly elapsedMs: number;
}

/**
 * Publishes a workload through the real EventBridge client, phase by phase, draining the queues after
 * each (handlers publish follow-up events). Producers' shops are created in the sandboxes first and
 * their tokens seeded; every producer sells from its showrooms too (an operator's fulfilment setting).
 */
export async function runWorkload(
  stack: LocalStack,
  workload: Workload,
  hooks: WorkloadHooks = {},
): Promise<WorkloadRun> {
  const startedAt = Date.now();
  const seed = { client: stack.dynamodb, tableName: stack.tableName };
  const { events: links, shops } = await createDemoShops(workload.links, stack.sandboxes, seed);
  hooks.setup?.(stack);
  const client = createBusClient(stack.endpoints.eventBridge);
  const ledger = createLedger(seed);
  let published = 0;
  let refusedByBus = 0;
  try {
    for (const phase of hooks.phases ?? phases) {
      const own = phase === 'links' ? links : workload[phase];
      const events = hooks.mix ? hooks.mix(phase, own) : own;
      const outcome = await publishAll(client, events);
      published += outcome.accepted;
      refusedByBus += outcome.refused;
      hooks.afterPublish?.(phase, { stack, shops });
      await stack.whenIdle(hooks.settleTimeoutMs ?? 120_000);
      if (phase === 'links') {
        for (const producerId of workload.producerIds) {
          await ledger.setFulfilment({ producerId, default: { warehouses: true, showrooms: 'all' } });
        }
      }
    }
  } finally {
    client.destroy();
  }
  return { shops, published, refusedByBus, elapsedMs: Date.now() - startedAt };
}

async function publishAll(
  client: EventBridgeClient,
  events: readonly SampleEvent[],
): Promise<{ accepted: number; refused: number }> {
  const outcome = await publish(client, events);
  return { accepted: outcome.accepted, refused: outcome.refused.length };
}
