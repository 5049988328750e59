import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarketplaceAdapter, PermanentError } from '../src/index.js';
import { adapterFor, connectShop, freshDraft, startSandbox } from './contract-harness.js';

/** A push endpoint that accepts everything: these tests read orders back, they do not check pushes. */
async function startSink(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/webhooks` };
}

describe.each(['shopee', 'lazada'] as const)('%s getOrder against its sandbox over HTTP', (channel) => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;
  let sink: Awaited<ReturnType<typeof startSink>>;

  beforeAll(async () => {
    [sandbox, sink] = await Promise.all([startSandbox(channel, { port: 0, seed: 11 }), startSink()]);
    adapter = adapterFor(sandbox);
  });
  afterAll(async () => {
    await new Promise((resolve) => sink.server.close(resolve));
    await sandbox.close();
  });

  it('reads the seller SKU and quantity of each line of a placed order', async () => {
    const account = await connectShop(sandbox);
    const honey = freshDraft(channel);
    const tea = freshDraft(channel);
    await adapter.upsertListing(account, honey);
    await adapter.upsertListing(account, tea);
    const lines = [
      { sellerSku: honey.sellerSku, quantity: 3 },
      { sellerSku: tea.sellerSku, quantity: 1 },
    ];
    const orderId = `${channel}-order-1`;
    await sandbox.push('order.placed', sink.url, { shopId: account.shopId, orderId, lines });
    const order = await adapter.getOrder(account, orderId);
    expect(order?.orderId).toBe(orderId);
    expect(order?.marketplaceStatus).toBe(channel === 'shopee' ? 'UNPAID' : 'unpaid');
    expect(order?.lines).toEqual(expect.arrayContaining(lines));
    expect(order?.lines).toHaveLength(2);
  });

  it('answers undefined for an order the shop does not hold, including another shop’s order', async () => {
    const owner = await connectShop(sandbox);
    const stranger = await connectShop(sandbox);
    const draft = freshDraft(channel);
    await adapter.upsertListing(owner, draft);
    const orderId = `${channel}-order-2`;
    const lines = [{ sellerSku: draft.sellerSku, quantity: 2 }];
    await sandbox.push('order.placed', sink.url, { shopId: owner.shopId, orderId, lines });
    await expect(adapter.getOrder(owner, 'no-such-order')).resolves.toBeUndefined();
    await expect(adapter.getOrder(stranger, orderId)).resolves.toBeUndefined();
    await expect(adapter.getOrder(owner, orderId)).resolves.toMatchObject({ lines });
  });

  it('shows a cancelled order with its new status', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    await adapter.upsertListing(account, draft);
    const orderId = `${channel}-order-3`;
    const data = { shopId: account.shopId, orderId, lines: [{ sellerSku: draft.sellerSku, quantity: 1 }] };
    await sandbox.push('order.placed', sink.url, data);
    await sandbox.push('order.cancelled', sink.url, { shopId: account.shopId, orderId });
    const order = await adapter.getOrder(account, orderId);
    expect(order?.marketplaceStatus).toBe(channel === 'shopee' ? 'CANCELLED' : 'canceled');
  });
});

describe('postmart getOrder', () => {
  it('is a permanent refusal: the proposed contract has no order read, the push carries the lines', async () => {
    const sandbox = await startSandbox('postmart', { port: 0, seed: 11 });
    try {
      const account = await connectShop(sandbox);
      const refusal = adapterFor(sandbox).getOrder(account, 'PM-O-1');
      await expect(refusal).rejects.toBeInstanceOf(PermanentError);
      await expect(refusal).rejects.toMatchObject({ code: 'NO_ORDER_READ', channel: 'postmart' });
      expect(sandbox.requestLog()).toHaveLength(0);
    } finally {
      await sandbox.close();
    }
  });
});
