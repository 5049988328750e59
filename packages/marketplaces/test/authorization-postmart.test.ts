import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizationRejectedError,
  createShopAuthorizer,
  type MarketplaceAdapter,
  type ShopAuthorizer,
} from '../src/index.js';
import { accountOf, callbackQuery, callbackUrl, listAndReadBack } from './authorization-harness.js';
import { adapterFor, fastRetry, startSandbox } from './contract-harness.js';

describe('Postmart seller grant against the sandbox over HTTP', () => {
  const redirectUrl = callbackUrl('postmart');
  let sandbox: Sandbox<'postmart'>;
  let authorizer: ShopAuthorizer;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('postmart', { seed: 33 });
    const { clientId, clientSecret } = sandbox.app;
    authorizer = createShopAuthorizer('postmart', {
      baseUrl: sandbox.url,
      clientId,
      clientSecret,
      retry: fastRetry,
    });
    adapter = adapterFor(sandbox);
  });
  afterAll(() => sandbox.close());

  /** A seller on Postmart who has not granted the app (the sandbox creates granted sellers). */
  async function sellerWithoutGrant(): Promise<string> {
    const seller = await sandbox.createShop({ name: 'HTX Nước mắm Cửa Hội' });
    const revokeUrl = new URL('/back-office/partner-apps/revoke', sandbox.url);
    revokeUrl.searchParams.set('app_key', sandbox.app.clientId);
    const outcome = await sandbox.consent({ authorizationUrl: revokeUrl.toString(), shopId: seller.shopId });
    expect(outcome.status).toBe(200);
    return seller.shopId;
  }

  it('connects a seller: grant page, callback with seller_id and state, a signed read proves the grant', async () => {
    const sellerId = await sellerWithoutGrant();
    const authorizationUrl = authorizer.authorizationUrl({ state: 'st-9', redirectUrl });
    const outcome = await sandbox.consent({ authorizationUrl, shopId: sellerId });
    expect(outcome.status).toBe(302);
    const query = callbackQuery(outcome.location);
    expect(query).toEqual({ seller_id: sellerId, state: 'st-9' });

    const connected = await authorizer.completeAuthorization({ query, redirectUrl });
    expect(connected).toEqual({
      shopId: sellerId,
      tokens: { accessToken: '', refreshToken: '', accessExpiresAt: Number.MAX_SAFE_INTEGER },
    });
    const { draft, listing } = await listAndReadBack(adapter, await accountOf(sandbox, connected));
    expect(listing).toMatchObject({ title: draft.title, priceVnd: draft.priceVnd });
  });

  it('refuses a callback for a seller who has not granted the app (403 SELLER_NOT_AUTHORIZED)', async () => {
    const sellerId = await sellerWithoutGrant();
    const forged = authorizer.completeAuthorization({
      query: { seller_id: sellerId, state: 's' },
      redirectUrl,
    });
    await expect(forged).rejects.toBeInstanceOf(AuthorizationRejectedError);
    await expect(forged).rejects.toMatchObject({ reason: 'grant-missing', code: 'SELLER_NOT_AUTHORIZED' });
  });

  it('refuses a callback without seller_id', async () => {
    await expect(
      authorizer.completeAuthorization({ query: { state: 's' }, redirectUrl }),
    ).rejects.toMatchObject({
      reason: 'callback-incomplete',
    });
  });

  it('has no API to drop a grant; a grant withdrawn in the back office stops the adapter', async () => {
    const sellerId = await sellerWithoutGrant();
    const query = callbackQuery(
      (
        await sandbox.consent({
          authorizationUrl: authorizer.authorizationUrl({ state: 's', redirectUrl }),
          shopId: sellerId,
        })
      ).location,
    );
    const account = await accountOf(sandbox, await authorizer.completeAuthorization({ query, redirectUrl }));
    expect(await authorizer.revoke(account)).toMatchObject({ revoked: false });
    const revokeUrl = new URL('/back-office/partner-apps/revoke', sandbox.url);
    revokeUrl.searchParams.set('app_key', sandbox.app.clientId);
    await sandbox.consent({ authorizationUrl: revokeUrl.toString(), shopId: sellerId });
    await expect(adapter.getListing(account, { sellerSku: 'OCOP-ANY-1' })).rejects.toMatchObject({
      code: 'SELLER_NOT_AUTHORIZED',
      resolution: 'reauthorize-shop',
    });
  });
});
