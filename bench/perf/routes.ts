import { type Route, routingTable } from '@ocop-sync/routing';

/**
 * The routes a performance bench exercises: the queue routes only. The benches publish events and never call
 * an HTTP route or wait for a schedule, so those are left out (and a handler still being written elsewhere
 * cannot stop a bench from starting).
 */
export function benchRoutes(routes: readonly Route[] = routingTable): Route[] {
  return routes.filter((route) => route.kind === 'queue');
}
