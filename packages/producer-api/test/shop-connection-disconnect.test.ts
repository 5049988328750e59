import { randomUUID } from 'node:crypto';
import { GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { type Channel, type EventDetail, parseEvent } from '@ocop-sync/domain';
import { createChannelAdapter, handleCertificationEvent, handleListingRequest } from '@ocop-sync/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/index.js';
import { callbackPathOf, type Harness, newProducer, startHarness } from './shop-connection-harness.js';

type ChannelsLinked = EventDetail<'ProducerChannelsLinked'>;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(apiRoutes);
});
afterAll(async () => {
  await harness?.close();
});

function lastLinked(): ChannelsLinked {
  const entry = harness.publisher.entries.findLast(
    (candidate) => candidate.detailType === 'ProducerChannelsLinked',
  );
  if (entry === undefined) throw new Error('no ProducerChannelsLinked published');
  return entry.detail as ChannelsLinked;
}

/** What the certification function does with a published ProducerChannelsLinked: ledger, then a re-plan. */
async function certify(detail: ChannelsLinked) {
  const event = parseEvent({
    version: '0',
    id: randomUUID(),
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'ap-southeast-1',
    resources: [],
    source: 'ocop.registry',
    'detail-type': 'ProducerChannelsLinked',
    detail,
  });
  if (!event.ok) throw new Error('invalid ProducerChannelsLinked');
  const published = harness.publisher.entries.length;
  const deps = { ledger: harness.deps.ledger, publisher: harness.publisher, now: harness.clock.now };
  await handleCertificationEvent(deps, event.value);
  return harness.publisher.entries.slice(published);
}

/** Connects a new shop on the channel for the producer through the API, and applies the link. */
async function connected(producerId: string, channel: Channel) {
  const shop = await harness.sandboxes[channel].createShop();
  const started = await harness.call(
    'POST',
    `/v1/producers/${producerId}/shops/${channel}/connect`,
    producerId,
  );
  const authorizationUrl = String(started.body.authorizationUrl);
  const consent = await harness.sandboxes[channel].consent({ authorizationUrl, shopId: shop.shopId });
  expect((await harness.call('GET', callbackPathOf(consent.location))).status).toBe(200);
  await certify(lastLinked());
  return shop.shopId;
}

/** Lists the producer's product on the channel through listing-sync, as a certification would. */
async function listedProduct(producerId: string, channel: Channel) {
  const [product] = await harness.deps.ledger.listByProducer(producerId);
  if (product === undefined) throw new Error('no product');
  const { adapter, accountFor } = createChannelAdapter(harness.deps.config, harness.clients, channel);
  const request = {
    productId: product.productId,
    producerId,
    channel,
    productVersion: product.version,
    requestId: `${product.productId}.${channel}.v${product.version}.list`,
    action: 'list' as const,
    reason: 'channel-linked' as const,
    requestedAt: new Date().toISOString(),
  };
  const deps = {
    ledger: harness.deps.ledger,
    adapter,
    accountFor,
    publisher: harness.publisher,
    now: harness.clock.now,
  };
  expect(await handleListingRequest(deps, request)).toBe('synced');
  return product.productId;
}

async function secretExists(name: string): Promise<boolean> {
  try {
    await harness.secretsManager.send(new GetSecretValueCommand({ SecretId: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

describe('disconnecting a shop', () => {
  it('delists the live listings first, then drops the tokens and publishes the shop unlinked', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shopId = await connected(producerId, 'postmart');
    const productId = await listedProduct(producerId, 'postmart');
    expect(harness.sandboxes.postmart.listItems(shopId).map((item) => item.status)).toEqual(['live']);
    const published = harness.publisher.entries.length;

    const answer = await harness.call(
      'DELETE',
      `/v1/producers/${producerId}/shops/postmart?listings=delist`,
      producerId,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      channel: 'postmart',
      shopId,
      listings: 'delist',
      delisted: 1,
      delistFailed: 0,
    });
    expect(harness.sandboxes.postmart.listItems(shopId).map((item) => item.status)).toEqual(['unlisted']);

    const events = harness.publisher.entries.slice(published);
    expect(events.map((entry) => entry.detailType)).toEqual(['ListingSynced', 'ProducerChannelsLinked']);
    expect(events[0]?.detail).toMatchObject({ productId, channel: 'postmart', status: 'delisted' });
    const unlinked = lastLinked();
    expect(unlinked.channels).toContainEqual(
      expect.objectContaining({ channel: 'postmart', shopId, status: 'unlinked' }),
    );

    // The certification function then has nothing left to do for that shop.
    expect(await certify(unlinked)).toEqual([]);
    const shops = await harness.call('GET', `/v1/producers/${producerId}/shops`, producerId);
    expect(shops.body.items).toEqual([{ channel: 'postmart', shopId, status: 'unlinked' }]);
  });

  it('keeps the listings when asked: tokens deleted, shop unlinked, and no delist planned afterwards', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const shopId = await connected(producerId, 'lazada');
    const secretName = `ocop-sync/shops/lazada/${shopId}`;
    expect(await secretExists(secretName)).toBe(true);
    const productId = await listedProduct(producerId, 'lazada');

    const answer = await harness.call(
      'DELETE',
      `/v1/producers/${producerId}/shops/lazada?listings=keep`,
      producerId,
    );
    expect(answer.status).toBe(200);
    // Lazada documents no API to end a seller's authorisation: the answer says so.
    expect(answer.body).toMatchObject({ listings: 'keep', delisted: 0, revoked: false });
    expect(String(answer.body.revokeNote)).toMatch(/no API/);
    expect(await secretExists(secretName)).toBe(false);
    expect(harness.sandboxes.lazada.listItems(shopId).map((item) => item.status)).toEqual(['live']);

    const planned = await certify(lastLinked());
    expect(planned.filter((entry) => entry.detailType === 'ListingRequested')).toEqual([]);
    expect((await harness.deps.ledger.getListing(productId, 'lazada'))?.synced?.status).toBe('live');
  });

  it('answers 404 for a shop that is not connected, and needs an explicit choice for the listings', async () => {
    const producerId = await newProducer(harness.deps.ledger);
    const missing = await harness.call(
      'DELETE',
      `/v1/producers/${producerId}/shops/lazada?listings=keep`,
      producerId,
    );
    expect(missing.status).toBe(404);
    const unchosen = await harness.call('DELETE', `/v1/producers/${producerId}/shops/lazada`, producerId);
    expect(unchosen.status).toBe(400);
  });

  it("refuses another producer's shops", async () => {
    const owner = await newProducer(harness.deps.ledger);
    const other = await newProducer(harness.deps.ledger);
    await connected(owner, 'shopee');
    expect(
      (await harness.call('DELETE', `/v1/producers/${owner}/shops/shopee?listings=keep`, other)).status,
    ).toBe(403);
    expect((await harness.call('GET', `/v1/producers/${owner}/shops`, other)).status).toBe(403);
    const shops = await harness.call('GET', `/v1/producers/${owner}/shops`, owner);
    expect(shops.body.items).toEqual([expect.objectContaining({ channel: 'shopee', status: 'linked' })]);
  });
});
