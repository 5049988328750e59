import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Channel, eventCatalogue, parseDetail } from '@ocop-sync/domain';
import type { Ledger } from '@ocop-sync/ledger';
import { startSecretsManagerServer } from '@ocop-sync/local-secrets';
import type { AwsClients, EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { type Sandbox, startSandbox } from '@ocop-sync/sandboxes';
import { createTestLedgerTable, type TestLedgerTable } from '@ocop-sync/test-support';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { expect } from 'vitest';
import {
  type ApiDeps,
  type ApiRoute,
  type Caller,
  createApiDeps,
  createApiHandler,
  loadApiConfig,
  roleScopes,
  unauthorized,
} from '../src/index.js';

export const API_PUBLIC_URL = 'https://api.ocop-sync.example';
export const callbackUrl = (channel: Channel) => `${API_PUBLIC_URL}/v1/oauth/${channel}/callback`;
const STATE_SECRET = 'ocop-sync/shop-connect-state';
const APPS_SECRET = 'ocop-sync/marketplace-apps';

/** Everything the API wrote to its log, one JSON line per call, to search for leaked secrets. */
export function capturingLogger() {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, extra: Record<string, unknown> = {}) => {
      lines.push(JSON.stringify({ level, message, ...extra }));
    };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

/** Like the real publisher, checks every entry against the catalogue; keeps them for the test. */
export function capturingPublisher(): EventPublisher & { entries: PublishEntry[] } {
  const entries: PublishEntry[] = [];
  return {
    entries,
    async publish(batch) {
      for (const entry of batch) expect(parseDetail(entry.detailType, entry.detail).ok).toBe(true);
      entries.push(...batch);
    },
  };
}

/** A clock that runs with real time (the sandboxes check link timestamps) and can be moved ahead. */
export function movableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
    },
  };
}

/**
 * Bearer tokens of the form `producer:<id>` (authentication itself is the token verifier's, tested on its
 * own): this file is about what a producer's valid token may do with shops.
 */
async function authenticateForTests(authorization: string | undefined): Promise<Caller> {
  const producerId = /^Bearer producer:(.+)$/.exec(authorization ?? '')?.[1];
  if (producerId === undefined) throw unauthorized('A bearer token is required.');
  return { subject: `sub-${producerId}`, role: 'producer', scopes: roleScopes.producer, producerId };
}

export interface Harness {
  table: TestLedgerTable;
  secretsManager: SecretsManagerClient;
  clients: AwsClients;
  sandboxes: { [C in Channel]: Sandbox<C> };
  deps: ApiDeps;
  publisher: ReturnType<typeof capturingPublisher>;
  logger: ReturnType<typeof capturingLogger>;
  clock: ReturnType<typeof movableClock>;
  call(
    method: string,
    pathAndQuery: string,
    producerId?: string,
  ): Promise<{ status: number; body: Record<string, unknown>; raw: string }>;
  close(): Promise<void>;
}

/**
 * The API handler over real parts: DynamoDB Local, the local Secrets Manager over HTTP (production mode: app
 * credentials, the state key and the shop tokens), and the three marketplace sandboxes over HTTP. In local
 * mode the state key and the tokens live in the ledger table, as on the local stack.
 */
export async function startHarness(
  routes: readonly ApiRoute[],
  mode: 'production' | 'local' = 'production',
): Promise<Harness> {
  const table = await createTestLedgerTable('shop-connection');
  const secrets = await startSecretsManagerServer({ port: 0 });
  const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const secretsManager = new SecretsManagerClient({ ...local, endpoint: secrets.url, maxAttempts: 1 });
  const [shopee, lazada, postmart] = await Promise.all([
    startSandbox('shopee', { callbackUrl: callbackUrl('shopee') }),
    startSandbox('lazada', { callbackUrl: callbackUrl('lazada') }),
    startSandbox('postmart', { callbackUrl: callbackUrl('postmart') }),
  ]);
  const apps = {
    shopee: { partnerId: shopee.app.partnerId, partnerKey: shopee.app.partnerKey },
    lazada: { appKey: lazada.app.appKey, appSecret: lazada.app.appSecret },
    postmart: { clientId: postmart.app.clientId, clientSecret: postmart.app.clientSecret },
  };
  await secretsManager.send(
    new CreateSecretCommand({ Name: APPS_SECRET, SecretString: JSON.stringify(apps) }),
  );
  await secretsManager.send(
    new CreateSecretCommand({ Name: STATE_SECRET, SecretString: randomUUID().replaceAll('-', '').repeat(2) }),
  );
  const config = loadApiConfig({
    LEDGER_TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: 'ocop-test',
    OCOP_MODE: mode,
    // Local mode reads the app credentials from the environment, as the local stack sets them.
    ...(mode === 'local' ? { LOCAL_MARKETPLACE_APPS: JSON.stringify(apps) } : {}),
    SHOPEE_BASE_URL: shopee.url,
    LAZADA_BASE_URL: `${lazada.url}/rest`,
    POSTMART_BASE_URL: postmart.url,
    MARKETPLACE_APP_SECRET_NAME: APPS_SECRET,
    SHOP_CONNECT_STATE_SECRET_NAME: STATE_SECRET,
    API_JWT_ISSUER: 'https://issuer.ocop-sync.example',
    API_JWT_AUDIENCE: 'ocop-sync-test',
    API_JWKS_URL: 'https://issuer.ocop-sync.example/.well-known/jwks.json',
    API_PUBLIC_URL,
  });
  // Nothing here publishes through EventBridge or reads SQS: those clients point nowhere.
  const nowhere = { ...local, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 };
  const clients: AwsClients = {
    dynamodb: table.client,
    secretsManager,
    eventBridge: new EventBridgeClient(nowhere),
    sqs: new SQSClient(nowhere),
  };
  const publisher = capturingPublisher();
  const logger = capturingLogger();
  const clock = movableClock();
  const deps = createApiDeps({
    config,
    clients,
    publisher,
    logger,
    now: clock.now,
    authenticate: authenticateForTests,
  });
  const handler = createApiHandler(routes, deps);
  return {
    table,
    secretsManager,
    clients,
    sandboxes: { shopee, lazada, postmart },
    deps,
    publisher,
    logger,
    clock,
    async call(method, pathAndQuery, producerId) {
      const [rawPath = '', rawQueryString = ''] = pathAndQuery.split('?');
      const result = await handler(apiEvent(method, rawPath, rawQueryString, producerId));
      const raw = typeof result.body === 'string' ? result.body : '';
      return { status: result.statusCode ?? 0, body: raw === '' ? {} : JSON.parse(raw), raw };
    },
    async close() {
      await Promise.all([shopee.close(), lazada.close(), postmart.close(), secrets.close()]);
      secretsManager.destroy();
      await table.drop();
    },
  };
}

function apiEvent(
  method: string,
  rawPath: string,
  rawQueryString: string,
  producerId?: string,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: producerId === undefined ? {} : { authorization: `Bearer producer:${producerId}` },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'api.ocop-sync.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

/** A certified product of a new producer: the producer is known to ocop-sync (name, area) but has no shops. */
export async function newProducer(ledger: Ledger): Promise<string> {
  const producerId = `HTX-${randomUUID().slice(0, 8)}`;
  const productId = `OCOP-${randomUUID().slice(0, 8)}`;
  const detail = eventCatalogue.ProductCertified.detail.parse({
    eventId: `cert-${productId}`,
    occurredAt: '2026-11-01T09:30:00+07:00',
    version: 1,
    product: {
      productId,
      name: 'Mật ong rừng U Minh Hạ',
      description: 'Mật ong nguyên chất khai thác từ rừng tràm U Minh Hạ, thu hoạch theo mùa.',
      group: 'food',
      producer: { producerId, name: 'HTX Ong mật U Minh Hạ', type: 'cooperative' },
      area: { province: 'Cà Mau', district: 'U Minh' },
      priceVnd: 185_000,
      weightGrams: 700,
      packageSize: { lengthCm: 10, widthCm: 10, heightCm: 18 },
      images: ['https://vn-live-02.slatic.net/p/ocop-mat-ong-1.jpg'],
    },
    certificate: {
      decisionNumber: '1234/QĐ-UBND',
      issuedOn: '2026-03-15',
      stars: 4,
      issuer: 'UBND tỉnh Cà Mau',
    },
  });
  const result = await ledger.recordCertification(detail);
  if (result.outcome !== 'applied') throw new Error(`fixture not certified: ${result.outcome}`);
  return producerId;
}

/** The query the marketplace's redirect carries back to the callback, from its `location`. */
export function callbackPathOf(location: string | undefined): string {
  if (location === undefined) throw new Error('the consent did not redirect');
  const url = new URL(location);
  return `${url.pathname}${url.search}`;
}
