import { randomUUID } from 'node:crypto';
import { createLambdaContext, newLogStreamName } from '@ocop-sync/local-queues';
import type { ScheduleRoute } from '@ocop-sync/routing';
import { LOCAL_REGION } from './constants.js';
import { importRouteHandler, type LambdaFunction } from './handler-loader.js';

export interface ScheduleRunner {
  readonly names: readonly string[];
  /**
   * Invokes a scheduled function now, as EventBridge Scheduler would, with `payload` as the event (the CDK
   * stack's schedules send `{}`; the certification sweep also takes `{ now }` to sweep as of another instant).
   */
  invoke(name: string, payload?: unknown): Promise<unknown>;
}

/**
 * The routing table's scheduled functions, loaded once. Locally nothing fires them on a clock: a demo or a
 * test calls `invoke` at the moment it wants, which keeps runs deterministic.
 */
export async function loadSchedules(
  routes: readonly ScheduleRoute[],
  instance: string,
): Promise<ScheduleRunner> {
  const handlers = new Map<string, { route: ScheduleRoute; handler: LambdaFunction }>();
  for (const route of routes) {
    handlers.set(route.name, {
      route,
      handler: await importRouteHandler(route, route.environment, `${instance}-schedule`),
    });
  }
  return {
    names: [...handlers.keys()],
    async invoke(name, payload = {}) {
      const target = handlers.get(name);
      if (target === undefined) throw new Error(`no scheduled route named ${name}`);
      return target.handler(
        payload,
        createLambdaContext({
          functionName: target.route.name,
          region: LOCAL_REGION,
          memoryLimitInMB: target.route.memoryMb,
          awsRequestId: randomUUID(),
          deadline: Date.now() + target.route.timeoutSeconds * 1000,
          logStreamName: newLogStreamName(),
        }),
      );
    },
  };
}
