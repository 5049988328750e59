import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { postmartClient } from './clients.js';
import { postmartHoney } from './fixtures.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sandbox) => sandbox.close()));
});

describe('item refusals (refuseSellerSkus)', () => {
  it('refuses for good a write naming a refused seller SKU, and lets the others through', async () => {
    // Prepare
    const sandbox = await startSandbox('postmart', { seed: 5 });
    opened.push(sandbox);
    const seller = await sandbox.createShop();
    const call = postmartClient(sandbox, seller.shopId);
    sandbox.faults.set({ refuseSellerSkus: ['OCOP-TH-0007'] });

    // Act
    const refused = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-0007') });
    const again = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-0007') });
    const longer = await call('POST', '/v1/products', { body: postmartHoney('OCOP-TH-00070') });

    // Assess: the same answer every time (not a transient fault), and only the exact SKU.
    expect(refused).toMatchObject({ status: 422, body: { code: 'PRODUCT_REFUSED' } });
    expect(again).toMatchObject({ status: 422, body: { code: 'PRODUCT_REFUSED' } });
    expect(longer.status).toBe(201);
    expect(sandbox.listItems(seller.shopId).map((item) => item.sellerSku)).toEqual(['OCOP-TH-00070']);
    expect(sandbox.requestLog().filter((entry) => entry.fault === 'refuse')).toHaveLength(2);
  });
});
