import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizationRejectedError,
  createShopAuthorizer,
  type MarketplaceAdapter,
  RetryableError,
  type ShopAuthorizer,
} from '../src/index.js';
import {
  accountOf,
  callbackQuery,
  callbackUrl,
  forwardClock,
  listAndReadBack,
} from './authorization-harness.js';
import { adapterFor, fastRetry, startSandbox } from './contract-harness.js';

describe('Lazada seller authorisation against the sandbox over HTTP', () => {
  const clock = forwardClock();
  const redirectUrl = callbackUrl('lazada');
  let sandbox: Sandbox<'lazada'>;
  let authorizer: ShopAuthorizer;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { seed: 32, now: clock.now, callbackUrl: redirectUrl });
    const { appKey, appSecret } = sandbox.app;
    const baseUrl = `${sandbox.url}/rest`;
    authorizer = createShopAuthorizer('lazada', {
      baseUrl,
      appKey,
      appSecret,
      retry: fastRetry,
      now: clock.now,
    });
    adapter = adapterFor(sandbox, { now: clock.now });
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.close());

  async function consent(shopId: string, state = 'state-lazada-1') {
    const authorizationUrl = authorizer.authorizationUrl({ state, redirectUrl });
    const outcome = await sandbox.consent({ authorizationUrl, shopId });
    expect(outcome.status).toBe(302);
    return callbackQuery(outcome.location);
  }

  it('connects a seller: authorize page, consent, callback with code and state, tokens that work', async () => {
    const seller = await sandbox.createShop({ name: 'HTX Trà Shan tuyết' });
    const authorizationUrl = authorizer.authorizationUrl({ state: 'st-7', redirectUrl });
    const link = new URL(authorizationUrl);
    expect(link.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: redirectUrl,
      client_id: sandbox.app.appKey,
      state: 'st-7',
    });

    const outcome = await sandbox.consent({ authorizationUrl, shopId: seller.shopId });
    expect(outcome.status).toBe(302);
    const back = new URL(outcome.location ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUrl);
    const query = callbackQuery(outcome.location);
    expect(query.state).toBe('st-7');

    const connected = await authorizer.completeAuthorization({ query, redirectUrl });
    expect(connected.shopId).toBe(seller.shopId);
    expect(connected.tokens.refreshExpiresAt).toBeGreaterThan(connected.tokens.accessExpiresAt - 1);
    const { draft, listing } = await listAndReadBack(adapter, await accountOf(sandbox, connected));
    expect(listing).toMatchObject({ title: draft.title, priceVnd: draft.priceVnd });
  });

  it('refuses a second completion with the same code, with Lazada message', async () => {
    const seller = await sandbox.createShop();
    const query = await consent(seller.shopId);
    await authorizer.completeAuthorization({ query, redirectUrl });
    const again = authorizer.completeAuthorization({ query, redirectUrl });
    await expect(again).rejects.toBeInstanceOf(AuthorizationRejectedError);
    await expect(again).rejects.toMatchObject({ reason: 'code-rejected', code: 'InvalidCode' });
  });

  it('refuses a code older than 30 minutes', async () => {
    const seller = await sandbox.createShop();
    const query = await consent(seller.shopId);
    clock.advance(31 * 60_000);
    await expect(authorizer.completeAuthorization({ query, redirectUrl })).rejects.toMatchObject({
      reason: 'code-rejected',
    });
  });

  it('shows an error and does not redirect when redirect_uri is not the registered callback', async () => {
    const seller = await sandbox.createShop();
    const authorizationUrl = authorizer.authorizationUrl({
      state: 's',
      redirectUrl: 'https://attacker.example/steal',
    });
    const outcome = await sandbox.consent({ authorizationUrl, shopId: seller.shopId });
    expect(outcome.status).toBe(400);
    expect(outcome.location).toBeUndefined();
    expect(outcome.body).toContain('redirect_uri does not match');
  });

  it('passes on a seller who declined, without calling Lazada', async () => {
    const denied = authorizer.completeAuthorization({
      query: { error: 'access_denied', state: 's' },
      redirectUrl,
    });
    await expect(denied).rejects.toMatchObject({ reason: 'denied-by-seller' });
  });

  it('reports a token exchange that meets 5xx as retryable', async () => {
    const seller = await sandbox.createShop();
    const query = await consent(seller.shopId);
    sandbox.faults.set({ errorRate: 1, errorStatus: 502, pathPrefix: '/rest/auth/token/create' });
    await expect(authorizer.completeAuthorization({ query, redirectUrl })).rejects.toBeInstanceOf(
      RetryableError,
    );
  });

  it('has no revocation API to call', async () => {
    const seller = await sandbox.createShop();
    const connected = await authorizer.completeAuthorization({
      query: await consent(seller.shopId),
      redirectUrl,
    });
    const outcome = await authorizer.revoke(await accountOf(sandbox, connected));
    expect(outcome).toMatchObject({ revoked: false, reason: expect.stringContaining('no API') });
  });
});
