import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizationRejectedError,
  createShopAuthorizer,
  type MarketplaceAdapter,
  NeedsHumanError,
  RetryableError,
  ShopeeShopAuthorizer,
} from '../src/index.js';
import {
  accountOf,
  callbackQuery,
  callbackUrl,
  forwardClock,
  listAndReadBack,
} from './authorization-harness.js';
import { adapterFor, fastRetry, startSandbox } from './contract-harness.js';

describe('Shopee shop authorisation against the sandbox over HTTP', () => {
  const clock = forwardClock();
  const redirectUrl = callbackUrl('shopee');
  let sandbox: Sandbox<'shopee'>;
  let authorizer: ShopeeShopAuthorizer;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { seed: 31, now: clock.now });
    const { partnerId, partnerKey } = sandbox.app;
    const options = { baseUrl: sandbox.url, partnerId, partnerKey, retry: fastRetry, now: clock.now };
    const created = createShopAuthorizer('shopee', options);
    if (!(created instanceof ShopeeShopAuthorizer)) throw new Error('expected the Shopee authorizer');
    authorizer = created;
    adapter = adapterFor(sandbox, { now: clock.now });
  });
  afterEach(() => {
    sandbox.faults.clear();
  });
  afterAll(() => sandbox.close());

  /** The seller opens the link and confirms; returns the callback's query. */
  async function consent(shopId: string, state = 'state-shopee-1') {
    const authorizationUrl = authorizer.authorizationUrl({ state, redirectUrl });
    const outcome = await sandbox.consent({ authorizationUrl, shopId });
    expect(outcome.status).toBe(302);
    return callbackQuery(outcome.location);
  }

  it('connects a shop: signed link, consent, callback with code, shop_id and state, tokens that work', async () => {
    const shop = await sandbox.createShop({ name: 'HTX Mật ong U Minh' });
    const authorizationUrl = authorizer.authorizationUrl({ state: 'st-42', redirectUrl });
    const link = new URL(authorizationUrl);
    expect(link.pathname).toBe('/api/v2/shop/auth_partner');
    expect(link.searchParams.get('partner_id')).toBe(String(sandbox.app.partnerId));

    const outcome = await sandbox.consent({ authorizationUrl, shopId: shop.shopId });
    expect(outcome.status).toBe(302);
    const back = new URL(outcome.location ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUrl);
    const query = callbackQuery(outcome.location);
    expect(query).toMatchObject({ state: 'st-42', shop_id: shop.shopId });

    const connected = await authorizer.completeAuthorization({ query, redirectUrl });
    expect(connected.shopId).toBe(shop.shopId);
    expect(connected.tokens.accessToken).not.toBe(shop.accessToken);
    expect(connected.tokens.accessExpiresAt).toBeGreaterThan(clock.now());
    const { draft, listing } = await listAndReadBack(adapter, await accountOf(sandbox, connected));
    expect(listing).toMatchObject({ title: draft.title, priceVnd: draft.priceVnd });
  });

  it('refuses a second completion with the same code, with Shopee message', async () => {
    const shop = await sandbox.createShop();
    const query = await consent(shop.shopId);
    await authorizer.completeAuthorization({ query, redirectUrl });
    const again = authorizer.completeAuthorization({ query, redirectUrl });
    await expect(again).rejects.toBeInstanceOf(AuthorizationRejectedError);
    await expect(again).rejects.toMatchObject({
      reason: 'code-rejected',
      code: 'invalid_code',
      message: expect.stringContaining('The code is expired or used or invalid.'),
    });
  });

  it('refuses a code older than 10 minutes', async () => {
    const shop = await sandbox.createShop();
    const query = await consent(shop.shopId);
    clock.advance(11 * 60_000);
    await expect(authorizer.completeAuthorization({ query, redirectUrl })).rejects.toMatchObject({
      reason: 'code-rejected',
    });
  });

  it('refuses a link older than 5 minutes, when opened and when confirmed', async () => {
    const shop = await sandbox.createShop();
    const stale = authorizer.authorizationUrl({ state: 's', redirectUrl });
    clock.advance(6 * 60_000);
    const opened = await sandbox.consent({ authorizationUrl: stale, shopId: shop.shopId });
    expect(opened.location).toBeUndefined();
    expect(JSON.parse(opened.body)).toMatchObject({ error: 'error_param', message: 'Invalid timestamp.' });

    const link = authorizer.authorizationUrl({ state: 's', redirectUrl });
    expect((await fetch(link)).status).toBe(200);
    clock.advance(6 * 60_000);
    const click = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ shop_id: shop.shopId }),
      redirect: 'manual',
    });
    expect(click.headers.get('location')).toBeNull();
    expect(await click.json()).toMatchObject({ error: 'error_param', message: 'Invalid timestamp.' });
  });

  it('refuses a link whose signature does not match', async () => {
    const shop = await sandbox.createShop();
    const link = new URL(authorizer.authorizationUrl({ state: 's', redirectUrl }));
    link.searchParams.set('sign', '0'.repeat(64));
    const outcome = await sandbox.consent({ authorizationUrl: link.toString(), shopId: shop.shopId });
    expect(outcome.location).toBeUndefined();
    expect(JSON.parse(outcome.body)).toMatchObject({ error: 'error_sign' });
  });

  it('refuses a callback without code or shop_id before calling Shopee', async () => {
    await expect(
      authorizer.completeAuthorization({ query: { state: 's', code: 'abc' }, redirectUrl }),
    ).rejects.toMatchObject({ reason: 'callback-incomplete' });
  });

  it('reports a token exchange that meets 5xx as retryable', async () => {
    const shop = await sandbox.createShop();
    const query = await consent(shop.shopId);
    sandbox.faults.set({ errorRate: 1, errorStatus: 503, pathPrefix: '/api/v2/auth/token/get' });
    await expect(authorizer.completeAuthorization({ query, redirectUrl })).rejects.toBeInstanceOf(
      RetryableError,
    );
  });

  it('cannot revoke by API; the seller cancel page ends the authorisation and the tokens stop working', async () => {
    const shop = await sandbox.createShop();
    const connected = await authorizer.completeAuthorization({
      query: await consent(shop.shopId),
      redirectUrl,
    });
    const account = await accountOf(sandbox, connected);

    const revoked = await authorizer.revoke(account);
    expect(revoked.revoked).toBe(false);
    expect(revoked.reason).toContain('cancel_auth_partner');

    const cancelUrl = authorizer.cancelAuthorizationUrl({ redirectUrl });
    const outcome = await sandbox.consent({ authorizationUrl: cancelUrl, shopId: shop.shopId });
    expect(callbackQuery(outcome.location)).toEqual({ shop_id: shop.shopId });
    const after = adapter.getListing(account, { sellerSku: 'OCOP-ANY-1' });
    await expect(after).rejects.toBeInstanceOf(NeedsHumanError);
    await expect(after).rejects.toMatchObject({ resolution: 'reauthorize-shop' });
  });
});
