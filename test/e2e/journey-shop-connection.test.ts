import { loadSamples } from '@ocop-sync/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './journey-kit.js';

// A producer connects a new Lazada shop through the producer API on the local stack: the marketplace's
// consent page, the callback, then the ledger (through the bus and the certification function) links it.
describe('journey: a producer connects a shop through the API', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  }, 120_000);
  afterAll(async () => journey?.stop());

  it('links the shop in the ledger and lists the producer’s certified products on it', async () => {
    const { stack } = journey;
    const producerId = 'DN-TH-NEMCHUA';
    expect(journey.channelsOf(producerId)).not.toContain('lazada');
    const token = await stack.devIssuer.mint({ role: 'producer', producerId });
    const api = `${stack.endpoints.http}/v1/producers/${producerId}`;
    const headers = { authorization: `Bearer ${token}` };
    await journey.send(loadSamples('registry/council-decisions.json'));

    const started = await fetch(`${api}/shops/lazada/connect`, { method: 'POST', headers });
    expect(started.status).toBe(200);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const shop = await stack.sandboxes.lazada.createShop({ name: 'Nem chua Thanh Hóa (Lazada)' });
    const consent = await stack.sandboxes.lazada.consent({ authorizationUrl, shopId: shop.shopId });
    expect(consent.location).toMatch(/\/v1\/oauth\/lazada\/callback\?/);
    const callback = await fetch(consent.location ?? '');
    expect(callback.status).toBe(200);
    await journey.settle();

    const shops = (await (await fetch(`${api}/shops`, { headers })).json()) as {
      items: { channel: string; shopId: string; status: string }[];
    };
    expect(shops.items).toContainEqual({ channel: 'lazada', shopId: shop.shopId, status: 'linked' });
    // The producer's certified, shippable products are now listed on the new shop too.
    const live = stack.sandboxes.lazada.listItems(shop.shopId).filter((item) => item.status === 'live');
    const onShopee = stack.sandboxes.shopee
      .listItems(journey.shopOf(producerId, 'shopee')?.shopId ?? '')
      .filter((item) => item.status === 'live');
    expect(live.map((item) => item.sellerSku).sort()).toEqual(onShopee.map((item) => item.sellerSku).sort());
    expect(live.length).toBeGreaterThan(0);
  }, 120_000);
});
