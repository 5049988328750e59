import { randomUUID } from 'node:crypto';
import { type DetailType, type EventDetail, type EventDetailInput, parseDetail } from '@ocop-sync/domain';
import { createAwsClients, createEventPublisher, type EventPublisher } from '@ocop-sync/runtime';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import type { HostResolver, HttpTransport } from '@ocop-sync/webhooks';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type ApiDeps,
  type ApiRoute,
  apiRoutes,
  createApiDeps,
  createApiHandler,
  type DevIssuer,
  type DevTokenClaims,
  loadApiConfig,
  startDevIssuer,
} from '../../src/index.js';

export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface ApiCall {
  method: string;
  path: string;
  token?: string;
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  sourceIp?: string;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

/** Every line the API logged, as JSON text: tests assert that no secret or token appears in it. */
export interface CapturedLog {
  readonly lines: string[];
  readonly text: () => string;
}

export interface ApiHarness {
  call(request: ApiCall): Promise<ApiAnswer>;
  /** The same API as a second Lambda instance would run it: its own deps over the same table. */
  secondInstance(): (request: ApiCall) => Promise<ApiAnswer>;
  mint(claims: DevTokenClaims): Promise<string>;
  readonly deps: ApiDeps;
  readonly issuer: DevIssuer;
  readonly table: TestLedgerTable;
  readonly log: CapturedLog;
  close(): Promise<void>;
}

export interface HarnessOptions {
  routes?: readonly ApiRoute[];
  rateLimitPerMinute?: number;
  transport?: HttpTransport;
  resolver?: HostResolver;
  publisher?: EventPublisher;
  now?: () => Date;
}

/**
 * The API as its Lambda runs it, invoked in-process with API Gateway payload-2.0 events: a fresh ledger
 * table in DynamoDB Local, the development issuer's JWKS over HTTP, the real verifier and rate limiter.
 */
export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const table = await createTestLedgerTable('producer-api');
  const issuer = await startDevIssuer();
  const config = loadApiConfig({
    LEDGER_TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'ocop-sync-test',
    OCOP_MODE: 'local',
    ...issuer.environment,
    API_PUBLIC_URL: 'http://127.0.0.1:9/',
    API_RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 10_000),
  });
  const clients = { ...createAwsClients(config), dynamodb: table.client };
  const lines: string[] = [];
  const write = (level: string) => (message: string, extra: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...extra }));
  };
  const depsOptions = {
    config,
    clients,
    // The routes of this package publish nothing; a test that needs the bus passes its own publisher.
    publisher:
      options.publisher ??
      createEventPublisher({ client: clients.eventBridge, busName: config.EVENT_BUS_NAME }),
    logger: { info: write('INFO'), warn: write('WARN'), error: write('ERROR') },
    ...(options.transport === undefined ? {} : { transport: options.transport }),
    ...(options.resolver === undefined ? {} : { resolver: options.resolver }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  const deps = createApiDeps(depsOptions);
  const answerOf = (handler: ReturnType<typeof createApiHandler>) => async (request: ApiCall) => {
    const result = await handler(gatewayEvent(request));
    const text = result.body ?? '';
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    return {
      status: result.statusCode ?? 200,
      headers,
      text,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
  const routes = options.routes ?? apiRoutes;
  return {
    call: answerOf(createApiHandler(routes, deps)),
    secondInstance: () =>
      answerOf(createApiHandler(routes, createApiDeps({ ...depsOptions, logger: deps.logger }))),
    deps,
    issuer,
    table,
    log: { lines, text: () => lines.join('\n') },
    mint: (claims) => issuer.mint(claims),
    async close() {
      await issuer.close();
      await table.drop();
    },
  };
}

export function gatewayEvent(request: ApiCall): APIGatewayProxyEventV2 {
  const [path = '', query = ''] = request.path.split('?');
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(request.token === undefined ? {} : { authorization: `Bearer ${request.token}` }),
    ...request.headers,
  };
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'ANY /v1/{proxy+}',
    rawPath: path,
    rawQueryString: query,
    headers,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: {
        method: request.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: 'ANY /v1/{proxy+}',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64') }),
    isBase64Encoded: body !== undefined,
  };
}

export function detail<T extends DetailType>(type: T, input: EventDetailInput<T>): EventDetail<T> {
  const parsed = parseDetail(type, input);
  if (!parsed.ok) throw new Error(`bad fixture ${type}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

export interface ProductFixture {
  productId: string;
  producerId: string;
  province?: string;
  district?: string;
  name?: string;
}

export const certified = (fixture: ProductFixture) =>
  detail('ProductCertified', {
    eventId: uid('evt'),
    occurredAt: '2024-11-14T09:30:00+07:00',
    version: 1,
    product: {
      productId: fixture.productId,
      name: fixture.name ?? 'Chè Shan tuyết Suối Giàng',
      description: 'Chè cổ thụ hái tay trên núi cao Văn Chấn.',
      group: 'beverage',
      producer: { producerId: fixture.producerId, name: 'HTX Chè Suối Giàng', type: 'cooperative' },
      area: { province: fixture.province ?? 'Yên Bái', district: fixture.district ?? 'Văn Chấn' },
      priceVnd: 350_000,
    },
    certificate: { decisionNumber: '1234/QĐ-UBND', issuedOn: '2024-11-14', stars: 4 },
  });
