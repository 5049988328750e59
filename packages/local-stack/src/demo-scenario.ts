import type { LocalStack } from './local-stack.js';
import { registerProducerEndpoints } from './producer-endpoints.js';
import { type ProducerReceiver, startProducerReceiver } from './producer-receiver.js';
import { createProgress, type Progress } from './progress.js';
import { createBusClient, publish } from './publisher.js';
import { demoSampleFiles, loadSamples, type SampleEvent } from './samples.js';
import { createDemoShops, rewriteShopIds } from './shops.js';
import { collectSummary, type DemoSummary, type PhaseOutcome } from './summary.js';

export interface DemoOptions {
  progress?: Progress;
  /** How long each wait for the queues to drain may take. */
  settleTimeoutMs?: number;
  /** The producers' webhook receiver; one is started (and closed at the end) when omitted. */
  receiver?: ProducerReceiver;
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
  const receiver = options.receiver ?? (await startProducerReceiver());
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
    const producerIds = [...new Set(shops.map((shop) => shop.producerId))];
    await progress.run(
      "Register each producer's webhook endpoint (a receiver that verifies signatures)",
      () => registerProducerEndpoints(stack, receiver, producerIds),
      () => `${producerIds.length} endpoints`,
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
      collectSummary(stack, {
        published,
        shops,
        certifications,
        receiver,
        revoked: loadSamples(demoSampleFiles.revocations).map((event) => String(event.detail.productId)),
      }),
    );
  } finally {
    client.destroy();
    if (options.receiver === undefined) await receiver.close();
  }
}

const describeQueues = (stack: LocalStack) => () => {
  const parked = stack.routes.reduce((total, running) => total + running.deadLetterQueue.depth().visible, 0);
  const invocations = stack.routes.reduce(
    (total, running) => total + (running.mapping?.stats().invocations ?? 0),
    0,
  );
  return `${invocations} invocations so far, ${parked} message(s) in dead-letter queues`;
};
