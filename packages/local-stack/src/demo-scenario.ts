import type { LocalStack } from './local-stack.js';
import { createProgress, type Progress } from './progress.js';
import { createBusClient, publish } from './publisher.js';
import { demoSampleFiles, loadSamples, type SampleEvent } from './samples.js';
import { createDemoShops, rewriteShopIds } from './shops.js';
import { collectSummary, type DemoSummary, type PhaseOutcome } from './summary.js';

export interface DemoOptions {
  progress?: Progress;
  /** How long each wait for the queues to drain may take. */
  settleTimeoutMs?: number;
}

/**
 * The demo day of a province: producers link their marketplace shops (sandbox shops, with tokens seeded),
 * the council certifies products, showrooms receive and sell stock, marketplace orders arrive, and one
 * certificate is revoked. Every event goes through the real EventBridge client to the local bus; after each
 * step the stack waits until every queue is drained (handlers publish follow-up events). The summary is read
 * from the sandboxes, the ledger and the dead-letter queues, never from logs.
 */
export async function runDemoScenario(stack: LocalStack, options: DemoOptions = {}): Promise<DemoSummary> {
  const progress = options.progress ?? createProgress();
  const client = createBusClient(stack.endpoints.eventBridge);
  const published: PhaseOutcome[] = [];
  const drain = () =>
    progress.run(
      'Wait until every queue is drained',
      () => stack.whenIdle(options.settleTimeoutMs),
      describeQueues(stack),
    );
  try {
    const { events: links, shops } = await progress.run(
      'Create sandbox shops for the producers and seed their tokens',
      () =>
        createDemoShops(loadSamples(demoSampleFiles.producers), stack.sandboxes, {
          client: stack.dynamodb,
          tableName: stack.tableName,
        }),
      (result) => `${result.shops.length} shops`,
    );
    const certifications = loadSamples(demoSampleFiles.certifications);
    const step = (phase: string, events: readonly SampleEvent[]) =>
      progress.run(
        `Publish ${phase}`,
        async () => {
          const outcome = { phase, ...(await publish(client, events)) };
          published.push(outcome);
          return outcome;
        },
        (outcome) => `${outcome.accepted}/${events.length} accepted`,
      );
    await step('producer channel links', links);
    await step('council decisions (certifications)', certifications);
    await drain();
    await step('showroom and warehouse stock movements', loadSamples(demoSampleFiles.movements));
    await drain();
    await step('marketplace orders', rewriteShopIds(loadSamples(demoSampleFiles.orders), shops));
    await step('certificate revocation', loadSamples(demoSampleFiles.revocations));
    await drain();
    return await progress.run('Collect the summary', () =>
      collectSummary(stack, { published, shops, productIds: productIdsOf(certifications) }),
    );
  } finally {
    client.destroy();
  }
}

function productIdsOf(certifications: readonly SampleEvent[]): string[] {
  const ids = certifications.flatMap((event) => {
    const product = event.detail.product;
    const id =
      product !== null && typeof product === 'object' ? Reflect.get(product, 'productId') : undefined;
    return typeof id === 'string' ? [id] : [];
  });
  return [...new Set(ids)];
}

const describeQueues = (stack: LocalStack) => () => {
  const parked = stack.routes.reduce((total, running) => total + running.deadLetterQueue.depth().visible, 0);
  const invocations = stack.routes.reduce(
    (total, running) => total + (running.mapping?.stats().invocations ?? 0),
    0,
  );
  return `${invocations} invocations so far, ${parked} message(s) in dead-letter queues`;
};
