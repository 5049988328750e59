import { channels } from '@ocop-sync/domain';
import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarketplaceAdapter, NeedsHumanError, PermanentError } from '../src/index.js';
import { adapterFor, connectShop, freshDraft, startSandbox } from './contract-harness.js';

describe.each(channels)('%s adapter against its sandbox over HTTP', (channel) => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox(channel, { port: 0, seed: 7 });
    adapter = adapterFor(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('creates a live listing with the draft title, price and stock', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    const ref = await adapter.upsertListing(account, draft);
    expect(ref).toMatchObject({ channel, shopId: account.shopId, sellerSku: draft.sellerSku, created: true });
    const [item, ...others] = sandbox.listItems(account.shopId);
    expect(others).toHaveLength(0);
    expect(item).toMatchObject({
      externalItemId: ref.externalItemId,
      title: draft.title,
      price: 185_000,
      stock: 25,
    });
  });

  it('updates an existing listing in place on a second upsert', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    const first = await adapter.upsertListing(account, draft);
    const changed = { ...draft, title: 'Mật ong rừng U Minh Hạ loại đặc biệt', priceVnd: 199_000, stock: 40 };
    const second = await adapter.upsertListing(account, changed, first);
    expect(second).toMatchObject({ externalItemId: first.externalItemId, created: false });
    expect(sandbox.listItems(account.shopId)).toEqual([
      expect.objectContaining({ title: changed.title, price: 199_000, stock: 40 }),
    ]);
  });

  it('never creates a duplicate when an upsert is repeated without the external id', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    const first = await adapter.upsertListing(account, draft);
    const again = await adapter.upsertListing(account, draft);
    expect(again.externalItemId).toBe(first.externalItemId);
    expect(sandbox.listItems(account.shopId)).toHaveLength(1);
  });

  it('sets the price and the stock, and reads them back', async () => {
    const account = await connectShop(sandbox);
    const ref = await adapter.upsertListing(account, freshDraft(channel));
    await adapter.setPrice(account, ref, 210_000);
    await adapter.setStock(account, ref, 7);
    await expect(adapter.getListing(account, ref)).resolves.toMatchObject({
      priceVnd: 210_000,
      stock: 7,
      status: 'live',
    });
  });

  it('delists reversibly: the listing turns inactive, and a later upsert relists it', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    const ref = await adapter.upsertListing(account, draft);
    await adapter.delist(account, ref);
    await expect(adapter.getListing(account, ref)).resolves.toMatchObject({ status: 'inactive' });
    await adapter.upsertListing(account, draft, ref);
    await expect(adapter.getListing(account, ref)).resolves.toMatchObject({ status: 'live' });
  });

  it('reads what the marketplace holds, and nothing for an unknown item', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft(channel);
    const ref = await adapter.upsertListing(account, draft);
    await expect(adapter.getListing(account, ref)).resolves.toMatchObject({
      title: draft.title,
      ref: { externalItemId: ref.externalItemId },
    });
    await expect(
      adapter.getListing(account, { sellerSku: 'NO-SUCH-SKU', externalItemId: '999999999' }),
    ).resolves.toBeUndefined();
  });

  it('recovers from an expired access token by refreshing once (or asks a human where there is no token)', async () => {
    const account = await connectShop(sandbox);
    const ref = await adapter.upsertListing(account, freshDraft(channel));
    const before = await account.tokens.get(account);
    sandbox.expireAccessToken(account.shopId);
    if (channel === 'postmart') {
      await expect(adapter.setStock(account, ref, 3)).rejects.toBeInstanceOf(NeedsHumanError);
      return;
    }
    await adapter.setStock(account, ref, 3);
    const after = await account.tokens.get(account);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(sandbox.listItems(account.shopId)[0]).toMatchObject({ stock: 3 });
  });

  it('rides out throttling and succeeds without the caller seeing it', async () => {
    const account = await connectShop(sandbox);
    const ref = await adapter.upsertListing(account, freshDraft(channel));
    sandbox.faults.set({ throttleNext: 2 });
    try {
      await adapter.setStock(account, ref, 11);
    } finally {
      sandbox.faults.clear();
    }
    expect(sandbox.listItems(account.shopId)[0]).toMatchObject({ stock: 11 });
    expect(sandbox.requestLog().filter((entry) => entry.fault === 'throttle')).toHaveLength(2);
  });

  it('surfaces a permanent refusal with the field at fault, in both languages', async () => {
    const account = await connectShop(sandbox);
    const draft = { ...freshDraft(channel), title: 'Mật ong rừng U Minh Hạ '.repeat(14) };
    const error = await adapter.upsertListing(account, draft).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ channel, kind: 'field-rejected', field: 'name' });
    expect((error as PermanentError).humanMessage.vi).toContain('tên sản phẩm');
    expect(sandbox.listItems(account.shopId)).toHaveLength(0);
  });
});
