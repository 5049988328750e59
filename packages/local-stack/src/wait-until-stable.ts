import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBus } from '@ocop-sync/event-bus';
import { DEFAULT_SETTLE_TIMEOUT_MS } from './constants.js';
import { LocalStackError } from './errors.js';
import type { RunningRoute } from './routes.js';

const activity = (routes: readonly RunningRoute[], bus: EventBus) =>
  bus.archive.count +
  routes.reduce((total, running) => {
    const depth = running.queue.depth();
    return total + (running.mapping?.stats().invocations ?? 0) + depth.visible + depth.inFlight;
  }, 0);

/**
 * Handlers publish more events while they run, so one round of `whenIdle` is not enough: wait for the bus to
 * settle and every mapping to go idle, and repeat until a round sees no new event, message or invocation.
 */
export async function waitUntilStable(
  bus: EventBus,
  routes: readonly RunningRoute[],
  timeoutMs = DEFAULT_SETTLE_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  for (;;) {
    const round = (async () => {
      await bus.settled();
      await Promise.all(routes.map((running) => running.mapping?.whenIdle()));
      await bus.settled();
    })();
    const cancel = new AbortController();
    const late = sleep(Math.max(0, deadline - Date.now()), 'late' as const, { signal: cancel.signal }).catch(
      () => 'cancelled' as const,
    );
    const outcome = await Promise.race([round.then(() => 'idle' as const), late]);
    cancel.abort();
    if (outcome !== 'idle') {
      throw new LocalStackError(`the queues did not drain within ${Math.round(timeoutMs / 1000)} s`);
    }
    const now = activity(routes, bus);
    if (now === previous) return;
    previous = now;
    await sleep(50);
  }
}
