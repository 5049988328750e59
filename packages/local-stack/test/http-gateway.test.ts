import { type DevIssuer, startDevIssuer } from '@ocop-sync/producer-api';
import { httpRoutes, routingTable } from '@ocop-sync/routing';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type HttpGateway, matchRouteKey, parseRouteKey, startHttpGateway } from '../src/http-gateway.js';

describe('route keys as API Gateway HTTP APIs match them', () => {
  const proxy = parseRouteKey('ANY /v1/{proxy+}');
  const param = parseRouteKey('GET /v1/producers/{producerId}/products');

  it('matches a greedy {proxy+} on any method with one segment or more, passing the rest of the path', () => {
    expect(matchRouteKey(proxy, 'PATCH', '/v1/producers/P-1/webhook-endpoints/ep_1')).toEqual({
      proxy: 'producers/P-1/webhook-endpoints/ep_1',
    });
    expect(matchRouteKey(proxy, 'GET', '/v1/')).toBeUndefined();
    expect(matchRouteKey(proxy, 'GET', '/v2/producers')).toBeUndefined();
  });

  it('matches {param} to exactly one non-empty segment, and the method exactly', () => {
    expect(matchRouteKey(param, 'GET', '/v1/producers/H%E1%BB%A2X-1/products')).toEqual({
      producerId: 'H%E1%BB%A2X-1',
    });
    expect(matchRouteKey(param, 'POST', '/v1/producers/P-1/products')).toBeUndefined();
    expect(matchRouteKey(param, 'GET', '/v1/producers//products')).toBeUndefined();
    expect(matchRouteKey(param, 'GET', '/v1/producers/P-1/products/extra')).toBeUndefined();
  });
});

/**
 * The producer API behind the gateway's `ANY /v1/{proxy+}`, next to the exact marketplace push keys, trusting
 * a development issuer, over the run's DynamoDB Local (no whole stack: only the gateway and the two functions).
 */
describe('HTTP gateway serving the producer API', () => {
  let gateway: HttpGateway;
  let issuer: DevIssuer;
  let table: TestLedgerTable;
  beforeAll(async () => {
    table = await createTestLedgerTable('gateway');
    issuer = await startDevIssuer();
    const shared = {
      LEDGER_TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: 'ocop-sync-gateway-test',
      OCOP_MODE: 'local',
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const routes = httpRoutes(routingTable).map((route) => ({
      ...route,
      environment: { ...route.environment, ...shared },
    }));
    gateway = await startHttpGateway(routes, 'gateway-test', {
      environment: (url) => ({ ...issuer.environment, API_PUBLIC_URL: url }),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
    await table?.drop();
  });

  it('serves a producer its products with a development token, and refuses one without (401)', async () => {
    const token = await issuer.mint({ role: 'producer', producerId: 'HTX-LOCAL' });
    const url = `${gateway.url}/v1/producers/HTX-LOCAL/products`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ items: [], count: 0 });
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 404 for a path no route key declares, beside the exact and the greedy keys', async () => {
    const push = await fetch(`${gateway.url}/webhooks/tiki`, { method: 'POST', body: '{}' });
    expect(push.status).toBe(404);
    const unknown = await fetch(`${gateway.url}/v2/anything`);
    expect(unknown.status).toBe(404);
  });
});
