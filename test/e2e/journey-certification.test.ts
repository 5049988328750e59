import { isInSeason } from '@ocop-sync/domain';
import { type CertifiedProduct, certifiedProductsOf, loadSamples } from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, monthInVietnam, nfc, startJourney } from './journey-kit.js';

/**
 * Journey 1, automatic listing on certification: a council decision certifying 24 products across the six
 * groups, through the real EventBridge client, the local bus, queues and handlers, to the marketplace sandboxes
 * and the producers' webhook receiver. The steps build on each other, so they run in order on one stack.
 */
describe('journey 1: automatic listing on certification', () => {
  let journey: Journey;
  const decisions = loadSamples('registry/council-decisions.json');
  const products = certifiedProductsOf(decisions);
  const shippable = (product: CertifiedProduct) => product.group !== 'community-tourism';
  /** Every (product, channel) that should be live now: shippable, in season, on a channel its producer linked. */
  const expectedLive = () =>
    products
      .filter((product) => shippable(product) && isInSeason(product.seasonWindows, monthInVietnam()))
      .flatMap((product) =>
        journey.channelsOf(product.producer.producerId).map((channel) => ({ product, channel })),
      );

  beforeAll(async () => {
    journey = await startJourney();
    await journey.send(decisions);
  }, 180_000);
  afterAll(async () => {
    await journey?.stop();
  });

  it('covers the six product groups and a tourism service', () => {
    expect(new Set(products.map((product) => product.group)).size).toBe(6);
    expect(products.length).toBeGreaterThanOrEqual(20);
  });

  it('lists every shippable product, live, on each channel its producer linked, once', () => {
    const live = expectedLive();
    expect(live.length).toBeGreaterThan(20);
    const wrong = live.flatMap(({ product, channel }) => {
      const items = journey.itemsOf(product.producer.producerId, channel, product.productId);
      const item = items[0];
      if (items.length !== 1 || item === undefined)
        return [`${product.productId} on ${channel}: ${items.length} items`];
      const problems: string[] = [];
      if (item.status !== 'live') problems.push(`status ${item.status}`);
      if (item.price !== product.priceVnd) problems.push(`price ${item.price} ≠ ${product.priceVnd}`);
      // The title is the product's name in NFC, cut on a character boundary where a marketplace's limit is shorter.
      const title = nfc(product.name);
      if (
        !(item.title === title || (item.title.length >= 10 && title.startsWith(item.title.replace(/…$/, ''))))
      )
        problems.push(`title "${item.title}"`);
      if (item.stock !== 0) problems.push(`stock ${item.stock} before any delivery`);
      if (product.traceabilityUrl && !item.description.includes(product.traceabilityUrl))
        problems.push('no traceability link in the description');
      return problems.map((problem) => `${product.productId} on ${channel}: ${problem}`);
    });
    expect(wrong).toEqual([]);
  });

  it('lists no tourism service anywhere', () => {
    const services = products.filter((product) => !shippable(product));
    expect(services.length).toBeGreaterThanOrEqual(2);
    for (const service of services) {
      for (const channel of ['shopee', 'lazada', 'postmart'] as const) {
        expect(journey.itemsOf(service.producer.producerId, channel, service.productId)).toEqual([]);
      }
    }
  });

  it('records the same listings in the ledger and tells each producer listing.live once per listing', async () => {
    const live = expectedLive();
    for (const { product, channel } of live) {
      const listing = (await journey.ledger.listListings(product.productId)).find(
        (candidate) => candidate.channel === channel,
      );
      expect(listing?.status, `${product.productId} on ${channel}`).toBe('live');
    }
    const notices = journey.receiver.received().filter((message) => message.type === 'listing.live');
    expect(notices.every((message) => message.verified)).toBe(true);
    const keys = notices.map((message) => `${message.data.productId} ${message.data.channel}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(
      new Set(live.map(({ product, channel }) => `${product.productId} ${channel}`)),
    );
  });

  it('keeps the listings through a renewal (same items, no duplicates)', async () => {
    const [renewal] = loadSamples('registry/certification-renewed.json');
    const productId = String(renewal?.detail.productId);
    const product = products.find((candidate) => candidate.productId === productId);
    if (product === undefined || renewal === undefined)
      throw new Error('renewal sample names no sample product');
    const before = journey
      .channelsOf(product.producer.producerId)
      .map((channel) =>
        journey.itemsOf(product.producer.producerId, channel, productId).map((item) => item.externalItemId),
      );

    await journey.send([renewal]);

    const after = journey
      .channelsOf(product.producer.producerId)
      .map((channel) => journey.itemsOf(product.producer.producerId, channel, productId));
    expect(after.map((items) => items.map((item) => item.externalItemId))).toEqual(before);
    expect(after.flat().every((item) => item.status === 'live')).toBe(true);
    expect((await journey.ledger.getProduct(productId))?.certificate.expiresOn).toBe('2030-10-30');
  });

  it('delists a revoked product everywhere and tells its producer', async () => {
    const revocations = loadSamples('registry/certification-revoked.json');
    const productId = String(revocations[0]?.detail.productId);
    const product = products.find((candidate) => candidate.productId === productId);
    if (product === undefined) throw new Error('revocation sample names no sample product');

    await journey.send(revocations);

    for (const channel of journey.channelsOf(product.producer.producerId)) {
      const items = journey.itemsOf(product.producer.producerId, channel, productId);
      expect(
        items.every((item) => item.status !== 'live'),
        `${productId} on ${channel}`,
      ).toBe(true);
    }
    const listings = await journey.ledger.listListings(productId);
    expect(listings.length).toBe(journey.channelsOf(product.producer.producerId).length);
    expect(listings.every((listing) => listing.status === 'delisted')).toBe(true);
    const told = journey.receiver
      .received()
      .filter((message) => message.type === 'listing.delisted' && message.data.productId === productId);
    expect(told.map((message) => message.data.channel).sort()).toEqual(
      [...journey.channelsOf(product.producer.producerId)].sort(),
    );
  });

  it('on expiry, the daily sweep (with a fake clock) delists and notifies; the renewed product stays', async () => {
    // Every sample certificate was issued in 2024 and lasts 36 months; TH-2024-0003 was renewed to 2030.
    const sweptAt = '2027-12-01T06:00:00+07:00';
    const result = await journey.stack.schedules.invoke('certification-sweep', { now: sweptAt });
    await journey.settle();

    expect(result).toMatchObject({ expired: expect.any(Number) });
    const renewed = products.find((product) => product.productId === 'TH-2024-0003');
    const honey = products.find((product) => product.productId === 'TH-2024-0001');
    if (renewed === undefined || honey === undefined) throw new Error('sample products missing');
    for (const channel of journey.channelsOf(renewed.producer.producerId)) {
      expect(journey.itemsOf(renewed.producer.producerId, channel, renewed.productId)[0]?.status).toBe(
        'live',
      );
    }
    for (const channel of journey.channelsOf(honey.producer.producerId)) {
      expect(journey.itemsOf(honey.producer.producerId, channel, honey.productId)[0]?.status).not.toBe(
        'live',
      );
    }
    const expired = journey.receiver
      .received()
      .filter((message) => message.type === 'certificate.expired' && message.verified);
    expect(expired.some((message) => message.data.productId === honey.productId)).toBe(true);
    expect(expired.some((message) => message.data.productId === renewed.productId)).toBe(false);
  });
});
