import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { Channel } from '@ocop-sync/domain';
import { createLedger } from '@ocop-sync/ledger';
import {
  type DemoShop,
  type LocalStack,
  type LocalStackChaosHooks,
  startLocalStack,
} from '@ocop-sync/local-stack';
import { compareSnapshots, type Difference } from './compare.js';
import { createHandlerProbe, type ProbeStats } from './handler-probe.js';
import { INVALID_TAG } from './invalid-events.js';
import { runWorkload } from './run-workload.js';
import { type ChaosSize, planScenario, type ScenarioName, type ScenarioPlan } from './scenarios.js';
import { type Snapshot, takeSnapshot } from './snapshot.js';
import { createWorkload, type Workload } from './workload.js';

export interface ChaosOptions {
  seed: number;
  size: ChaosSize;
  channels: readonly Channel[];
  /** Wait between attempts of a failed record (local time compression of the visibility timeout). */
  retryDelaySeconds?: number;
}

export interface ReferenceRun {
  readonly snapshot: Snapshot;
  readonly crashes: readonly string[];
  readonly parked: number;
  readonly elapsedMs: number;
}

export interface ScenarioReport {
  readonly name: ScenarioName;
  readonly describe: string;
  readonly injected: Readonly<Record<string, number>>;
  /** Entries of the final ledger or catalogues that differ from the reference (after the redrive). */
  readonly lost: readonly Difference[];
  /** The same before the redrive: what was parked and not yet applied. */
  readonly differingBeforeRedrive: number;
  readonly crashes: readonly string[];
  readonly invalidEventWrites: number;
  readonly duplicateItems: readonly string[];
  readonly intendedRejections: { readonly expected: number; readonly accountedFor: number };
  readonly parkedBeforeRedrive: { readonly invalid: number; readonly other: number };
  readonly redriven: number;
  readonly parkedAfterRedrive: { readonly invalid: number; readonly other: number };
  readonly elapsedMs: number;
}

const PREFIX = 'CHAOS';

export const workloadFor = (options: ChaosOptions): Workload =>
  createWorkload({
    seed: options.seed,
    products: options.size.products,
    salesPerProduct: options.size.salesPerProduct,
    channels: options.channels,
    prefix: PREFIX,
  });

/** The fault-free run of the workload: what every scenario's final state must equal. */
export async function runReference(options: ChaosOptions): Promise<ReferenceRun> {
  const probe = createHandlerProbe({ seed: options.seed });
  const stack = await startStack(options, { wrapHandler: probe.wrap });
  try {
    const workload = workloadFor(options);
    const run = await runWorkload(stack, workload, { settleTimeoutMs: options.size.settleTimeoutMs });
    return {
      snapshot: await takeSnapshot(stack, workload, run.shops),
      crashes: probe.stats.crashes,
      parked: countParked(stack).invalid + countParked(stack).other,
      elapsedMs: run.elapsedMs,
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Runs one scenario on a fresh stack: the same workload with the scenario's faults, then a redrive of
 * every DLQ with the transient faults gone, then the comparison with the reference.
 */
export async function runScenario(
  name: ScenarioName,
  options: ChaosOptions,
  reference: Snapshot,
): Promise<ScenarioReport> {
  const workload = workloadFor(options);
  const plan = planScenario(name, workload, options.channels, options.seed, options.size);
  const probe = createHandlerProbe({ seed: options.seed, ...plan.probe });
  const stack = await startStack(options, { ...plan.stack, wrapHandler: probe.wrap });
  try {
    const run = await runWorkload(stack, workload, {
      ...plan.workload,
      settleTimeoutMs: options.size.settleTimeoutMs,
    });
    const before = await takeSnapshot(stack, workload, run.shops);
    const parkedBeforeRedrive = countParked(stack);
    // The transient faults have passed; permanent refusals stay (the marketplace still refuses them).
    if (name === 'marketplace-faults')
      for (const channel of options.channels) stack.sandboxes[channel].faults.clear();
    const redriven = redriveAll(stack);
    await stack.whenIdle(options.size.settleTimeoutMs);
    const after = await takeSnapshot(stack, workload, run.shops);
    const excused = excusedKeys(plan);
    return {
      name,
      describe: plan.describe,
      injected: {
        ...plan.injected,
        ...probeInjected(probe.stats),
        ...sandboxInjected(stack, options.channels),
      },
      lost: compareSnapshots(reference, after, excused),
      differingBeforeRedrive: compareSnapshots(reference, before, excused).length,
      crashes: probe.stats.crashes,
      invalidEventWrites: await countTaggedWrites(stack),
      duplicateItems: findDuplicateItems(stack, run.shops),
      intendedRejections: await accountForRejections(stack, plan),
      parkedBeforeRedrive,
      redriven,
      parkedAfterRedrive: countParked(stack),
      elapsedMs: run.elapsedMs,
    };
  } finally {
    await stack.stop();
  }
}

function startStack(options: ChaosOptions, chaos: LocalStackChaosHooks): Promise<LocalStack> {
  return startLocalStack({ quiet: true, retryDelaySeconds: options.retryDelaySeconds ?? 0.2, chaos });
}

function probeInjected(stats: ProbeStats): Record<string, number> {
  const injected: Record<string, number> = {};
  if (stats.shuffledBatches > 0) injected.shuffledBatches = stats.shuffledBatches;
  if (stats.injectedCrashes > 0) injected.crashesAfterWrite = stats.injectedCrashes;
  return injected;
}

/** Faults the sandboxes answered with, from their request logs. */
function sandboxInjected(stack: LocalStack, channels: readonly Channel[]): Record<string, number> {
  const injected: Record<string, number> = {};
  for (const channel of channels) {
    for (const entry of stack.sandboxes[channel].requestLog()) {
      if (entry.fault === undefined || entry.fault === 'rate-limit') continue;
      const key = `${channel} ${entry.fault}`;
      injected[key] = (injected[key] ?? 0) + 1;
    }
  }
  return injected;
}

function countParked(stack: LocalStack): { invalid: number; other: number } {
  let invalid = 0;
  let other = 0;
  for (const running of stack.routes) {
    for (const message of running.deadLetterQueue.peek(100_000)) {
      if (message.body.includes(INVALID_TAG)) invalid += 1;
      else other += 1;
    }
  }
  return { invalid, other };
}

function redriveAll(stack: LocalStack): number {
  return stack.routes.reduce(
    (total, running) => total + running.deadLetterQueue.redrive({ destination: running.queue }).moved.length,
    0,
  );
}

/** Any item of the table whose content names a generated invalid event's id is a write it caused. */
async function countTaggedWrites(stack: LocalStack): Promise<number> {
  let count = 0;
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await stack.dynamodb.send(
      new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start }),
    );
    count += (page.Items ?? []).filter((item) => JSON.stringify(item).includes(INVALID_TAG)).length;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
}

/** Two items with the same seller SKU in one shop (not deleted) are a duplicate listing: `channel shop sku ×n`. */
function findDuplicateItems(stack: LocalStack, shops: readonly DemoShop[]): string[] {
  const duplicates: string[] = [];
  for (const shop of shops) {
    const counts = new Map<string, number>();
    for (const item of stack.sandboxes[shop.channel].listItems(shop.shopId)) {
      if (item.status !== 'deleted') counts.set(item.sellerSku, (counts.get(item.sellerSku) ?? 0) + 1);
    }
    for (const [sku, count] of counts) {
      if (count > 1) duplicates.push(`${shop.channel} ${shop.shopId} ${sku} ×${count}`);
    }
  }
  return duplicates;
}

const normalised = (productId: string) => productId.replace(`${PREFIX}-`, 'RUN-');

function excusedKeys(plan: ScenarioPlan): (key: string) => boolean {
  const keys = new Set<string>();
  const items: string[] = [];
  for (const [channel, skus] of plan.refused) {
    for (const sku of skus) {
      keys.add(`listing/${normalised(sku)}/${channel}`);
      items.push(`item/${channel}/|/${normalised(sku)}`);
    }
  }
  return (key) =>
    keys.has(key) ||
    items.some((pattern) => {
      const [head, tail] = pattern.split('|');
      return head !== undefined && tail !== undefined && key.startsWith(head) && key.endsWith(tail);
    });
}

/** Each refused item must be a ListingFailed with a reason in the ledger, or parked in a DLQ. */
async function accountForRejections(
  stack: LocalStack,
  plan: ScenarioPlan,
): Promise<{ expected: number; accountedFor: number }> {
  const ledger = createLedger({ client: stack.dynamodb, tableName: stack.tableName });
  const parked = stack.routes.flatMap((running) =>
    running.deadLetterQueue.peek(100_000).map((message) => message.body),
  );
  let expected = 0;
  let accountedFor = 0;
  for (const [channel, skus] of plan.refused) {
    for (const productId of skus) {
      const listing = await ledger.getListing(productId, channel);
      // A refused product the plan never lists on this channel is nothing to account for.
      if (listing === undefined) continue;
      expected += 1;
      const failed = listing.status === 'failed' && (listing.failure?.message.en ?? '') !== '';
      if (failed || parked.some((body) => body.includes(productId) && body.includes(channel)))
        accountedFor += 1;
    }
  }
  return { expected, accountedFor };
}
