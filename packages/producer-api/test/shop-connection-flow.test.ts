import { GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { type Channel, channels, type EventDetail } from '@ocop-sync/domain';
import { createChannelAdapter } from '@ocop-sync/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopRoutes } from '../src/routes/shops.js';
import { callbackPathOf, type Harness, newProducer, startHarness } from './shop-connection-harness.js';

type ChannelsLinked = EventDetail<'ProducerChannelsLinked'>;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(shopRoutes);
});
afterAll(async () => {
  await harness?.close();
});

/** POST connect as the producer, then play the seller's consent on the sandbox: the marketplace's redirect. */
async function consentFor(producerId: string, channel: Channel, shopId: string) {
  const started = await harness.call(
    'POST',
    `/v1/producers/${producerId}/shops/${channel}/connect`,
    producerId,
  );
  expect(started.status).toBe(200);
  const authorizationUrl = String(started.body.authorizationUrl);
  const consent = await harness.sandboxes[channel].consent({ authorizationUrl, shopId });
  expect(consent.status).toBe(302);
  return { callback: callbackPathOf(consent.location), authorizationUrl };
}

/** Applies a published ProducerChannelsLinked to the ledger, as the certification function does. */
async function applyLinked(): Promise<ChannelsLinked> {
  const entry = harness.publisher.entries.at(-1);
  if (entry?.detailType !== 'ProducerChannelsLinked') throw new Error('no ProducerChannelsLinked published');
  const detail = entry.detail as ChannelsLinked;
  await harness.deps.ledger.linkChannels(detail);
  return detail;
}

async function storedTokens(secretName: string) {
  const output = await harness.secretsManager.send(new GetSecretValueCommand({ SecretId: secretName }));
  return JSON.parse(output.SecretString ?? '{}') as Record<string, unknown>;
}

describe('shop connection over HTTP, for each marketplace', () => {
  it('connects Shopee, Lazada and Postmart shops: tokens stored, ProducerChannelsLinked published, adapters work', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const tokensSeen: string[] = [];
    for (const channel of channels) {
      const shop = await harness.sandboxes[channel].createShop();
      const { callback, authorizationUrl } = await consentFor(producerId, channel, shop.shopId);
      expect(authorizationUrl.startsWith(harness.sandboxes[channel].url)).toBe(true);

      const done = await harness.call('GET', callback);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ connected: true, producerId, channel, shopId: shop.shopId });

      const detail = await applyLinked();
      expect(detail.producer).toMatchObject({ producerId, area: { province: 'Cà Mau', district: 'U Minh' } });
      const secretName = `ocop-sync/shops/${channel}/${shop.shopId}`;
      expect(detail.channels).toContainEqual({
        channel,
        status: 'linked',
        shopId: shop.shopId,
        credentialsSecretName: secretName,
      });

      if (channel === 'postmart') {
        // A Postmart grant has no tokens: nothing is stored.
        const listed = await harness.secretsManager.send(
          new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [secretName] }] }),
        );
        expect(listed.SecretList ?? []).toHaveLength(0);
      } else {
        const stored = await storedTokens(secretName);
        expect(stored.accessToken).toEqual(expect.any(String));
        expect(String(stored.accessToken).length).toBeGreaterThan(8);
        tokensSeen.push(String(stored.accessToken), String(stored.refreshToken));
      }

      // The marketplace function's own wiring reads the shop from the ledger and its tokens from Secrets Manager.
      const { adapter, accountFor } = createChannelAdapter(harness.deps.config, harness.clients, channel);
      const account = await accountFor(producerId, channel);
      expect(account?.shopId).toBe(shop.shopId);
      if (account === undefined) throw new Error('no account');
      await expect(adapter.getListing(account, { sellerSku: 'OCOP-NOT-LISTED-1' })).resolves.toBeUndefined();
    }

    // Each link restated the earlier ones: the last event carries all three shops, at the third version.
    const last = harness.publisher.entries.at(-1)?.detail as ChannelsLinked;
    expect(last.version).toBe(3);
    expect(last.channels.map((account) => account.channel).sort()).toEqual(['lazada', 'postmart', 'shopee']);

    const listed = await harness.call('GET', `/v1/producers/${producerId}/shops`, producerId);
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    expect(listed.raw).not.toContain('ocop-sync/shops/');

    // No token in any response body or log line.
    expect(tokensSeen.length).toBe(4);
    const everything = [listed.raw, ...harness.logger.lines].join('\n');
    for (const token of tokensSeen) expect(everything).not.toContain(token);
  });
});

describe('shop connection refusals', () => {
  it('refuses the same callback twice: the state is single use', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.lazada.createShop();
    const { callback } = await consentFor(producerId, 'lazada', shop.shopId);
    expect((await harness.call('GET', callback)).status).toBe(200);
    const published = harness.publisher.entries.length;

    const replay = await harness.call('GET', callback);
    expect(replay.status).toBe(409);
    expect(replay.body.type).toMatch(/shop-connection-state-replayed$/);
    expect(harness.publisher.entries.length).toBe(published);
  });

  it("refuses a shop already linked to another producer, and keeps that producer's tokens", async () => {
    const first = await newProducer(harness.deps.ledger);
    const second = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.shopee.createShop();
    expect(
      (await harness.call('GET', (await consentFor(first, 'shopee', shop.shopId)).callback)).status,
    ).toBe(200);
    await applyLinked();
    const secretName = `ocop-sync/shops/shopee/${shop.shopId}`;
    const before = await storedTokens(secretName);
    const published = harness.publisher.entries.length;

    const exchanges = () =>
      harness.sandboxes.shopee.requestLog().filter((entry) => entry.path.startsWith('/api/v2/auth/token/get'))
        .length;
    const { callback } = await consentFor(second, 'shopee', shop.shopId);
    const exchangedBefore = exchanges();
    const refused = await harness.call('GET', callback);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/shop-linked-elsewhere$/);
    expect(harness.publisher.entries.length).toBe(published);
    expect(await storedTokens(secretName)).toEqual(before);
    // Refused before the code exchange: the first producer's tokens were not rotated and still work.
    expect(exchanges()).toBe(exchangedBefore);
    const { adapter, accountFor } = createChannelAdapter(harness.deps.config, harness.clients, 'shopee');
    const account = await accountFor(first, 'shopee');
    if (account === undefined) throw new Error('no account');
    await expect(adapter.getListing(account, { sellerSku: 'OCOP-NOT-LISTED-2' })).resolves.toBeUndefined();
  });

  it('refuses a state whose producer was swapped for another producer', async () => {
    const victim = await newProducer(harness.deps.ledger);
    const attacker = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.shopee.createShop();
    const { callback } = await consentFor(attacker, 'shopee', shop.shopId);
    const url = new URL(callback, 'https://x.example');
    const [version, payload = '', mac] = (url.searchParams.get('state') ?? '').split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, producerId: victim })).toString('base64url');
    url.searchParams.set('state', `${version}.${forged}.${mac}`);
    const published = harness.publisher.entries.length;

    const refused = await harness.call('GET', `${url.pathname}${url.search}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Invalid state' });
    expect(harness.publisher.entries.length).toBe(published);
    expect((await harness.deps.ledger.listChannelAccounts(victim)).length).toBe(0);
  });

  it("refuses to start a connection for another producer's id", async () => {
    const owner = await newProducer(harness.deps.ledger);
    const other = await newProducer(harness.deps.ledger);
    const refused = await harness.call('POST', `/v1/producers/${owner}/shops/shopee/connect`, other);
    expect(refused.status).toBe(403);
    expect((await harness.call('POST', `/v1/producers/${owner}/shops/shopee/connect`)).status).toBe(401);
  });

  it('refuses a state issued for another marketplace', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.shopee.createShop();
    const { callback } = await consentFor(producerId, 'shopee', shop.shopId);
    const refused = await harness.call('GET', callback.replace('/oauth/shopee/', '/oauth/lazada/'));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/shop-connection-state-wrong-channel$/);
  });

  it('refuses a callback without a state, or with one it did not issue', async () => {
    expect((await harness.call('GET', '/v1/oauth/shopee/callback?code=abc&shop_id=1')).status).toBe(400);
    const junk = await harness.call('GET', '/v1/oauth/shopee/callback?code=abc&shop_id=1&state=s1.e30.AAAA');
    expect(junk.status).toBe(403);
  });

  it('refuses a state older than ten minutes', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shop = await harness.sandboxes.postmart.createShop();
    const { callback } = await consentFor(producerId, 'postmart', shop.shopId);
    harness.clock.advance(10 * 60_000 + 1000);
    try {
      const refused = await harness.call('GET', callback);
      expect(refused.status).toBe(403);
      expect(refused.body.type).toMatch(/shop-connection-state-expired$/);
      expect((await harness.deps.ledger.listChannelAccounts(producerId)).length).toBe(0);
    } finally {
      harness.clock.reset();
    }
  });

  it('refuses a producer ocop-sync does not know', async () => {
    const refused = await harness.call(
      'POST',
      '/v1/producers/HTX-UNKNOWN-1/shops/shopee/connect',
      'HTX-UNKNOWN-1',
    );
    expect(refused.status).toBe(404);
  });
});
