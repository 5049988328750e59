/**
 * Requests per second one adapter sustains against its sandbox when the sandbox enforces a per-shop rate
 * limit, as a ratio of that limit. Goal: ≥ 0.9 with no throttling error reaching the caller.
 *
 * Run: npx tsx packages/marketplaces/bench/adapter-throughput.ts [kind] [limitPerSecond] [requests] [concurrency]
 * e.g. npx tsx packages/marketplaces/bench/adapter-throughput.ts postmart 10 200 8
 */
import { channel as channelSchema } from '@ocop-sync/domain';
import { startSandbox } from '@ocop-sync/sandboxes';
import { adapterFor, connectShop, freshDraft } from '../test/contract-harness.js';

const [kindArg = 'postmart', limitArg = '10', requestsArg = '200', concurrencyArg = '8'] =
  process.argv.slice(2);
const kind = channelSchema.parse(kindArg);
const limit = Number(limitArg);
const requests = Number(requestsArg);
const concurrency = Number(concurrencyArg);
/** The adapter runs a little under the marketplace's rate and never bursts, so it is never the one throttled. */
const headroom = 0.95;

const sandbox = await startSandbox(kind, {
  port: 0,
  seed: 11,
  rateLimits: { perShop: { ratePerSecond: limit, burst: limit } },
});
try {
  const adapter = adapterFor(sandbox, {
    rateLimits: { perShop: { ratePerSecond: limit * headroom, burst: 1 } },
  });
  const account = await connectShop(sandbox);
  const ref = await adapter.upsertListing(account, freshDraft(kind));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < requests) {
      next += 1;
      await adapter.setStock(account, ref, next % 100).catch(() => {
        failures += 1;
      });
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  const throttled = sandbox
    .requestLog()
    .filter((entry) => entry.fault === 'rate-limit' || entry.fault === 'throttle').length;
  const rate = requests / seconds;
  console.log(
    JSON.stringify({
      kind,
      limitPerSecond: limit,
      requests,
      concurrency,
      seconds: Number(seconds.toFixed(2)),
      requestsPerSecond: Number(rate.toFixed(2)),
      ratio: Number((rate / limit).toFixed(3)),
      throttledBySandbox: throttled,
      errorsSeenByCaller: failures,
    }),
  );
} finally {
  await sandbox.close();
}
