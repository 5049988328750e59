import { channels, detailTypes, eventCatalogue } from '@ocop-sync/domain';
import { describe, expect, it } from 'vitest';
import { appRateShare, queueRoutes, routingTable } from '../src/index.js';

describe('routing table', () => {
  it('names every route uniquely', () => {
    const names = routingTable.map((route) => route.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has one listing-sync and one stock-sync queue per channel', () => {
    for (const channel of channels) {
      const routes = queueRoutes().filter((route) => route.environment.CHANNEL === channel);
      expect(routes.map((route) => route.handler).sort()).toEqual(['listing-sync', 'stock-sync']);
    }
  });

  it('keeps queue settings within what SQS and Lambda accept', () => {
    for (const route of queueRoutes()) {
      expect(route.queue.maximumConcurrency).toBeGreaterThanOrEqual(2);
      expect(route.queue.maximumConcurrency).toBeLessThanOrEqual(1000);
      expect(route.queue.batchSize).toBeGreaterThanOrEqual(1);
      expect(route.queue.batchSize).toBeLessThanOrEqual(
        route.queue.maximumBatchingWindowSeconds > 0 ? 10_000 : 10,
      );
      // AWS: the queue's visibility timeout must be at least the function timeout.
      expect(route.queue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(route.timeoutSeconds * 6);
      expect(route.queue.maxReceiveCount).toBeGreaterThanOrEqual(2);
    }
  });

  it('routes every detail-type the catalogue says a function consumes to a route with that handler', () => {
    const patternText = (handler: string) =>
      JSON.stringify(
        queueRoutes()
          .filter((route) => route.handler === handler)
          .map((route) => route.pattern),
      );
    for (const detailType of detailTypes) {
      for (const consumer of eventCatalogue[detailType].consumedBy) {
        expect(patternText(consumer), `${detailType} → ${consumer}`).toContain(`"${detailType}"`);
      }
    }
  });
});

describe('appRateShare', () => {
  it("splits a channel's app-wide limit between every execution that may call it at once", () => {
    const executions = routingTable
      .filter((route) => route.environment.CHANNEL === 'shopee')
      .map((route) => (route.kind === 'queue' ? route.queue.maximumConcurrency : 1));
    // listing-sync and stock-sync queues plus the reconciliation schedule.
    expect(executions.length).toBe(3);
    expect(appRateShare('shopee')).toBeCloseTo(1 / executions.reduce((sum, count) => sum + count, 0));
    expect(appRateShare('not-a-channel')).toBe(1);
  });
});
