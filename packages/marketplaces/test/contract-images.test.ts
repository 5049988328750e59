import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarketplaceAdapter, PermanentError, RetryableError } from '../src/index.js';
import {
  adapterFor,
  connectShop,
  freshDraft,
  images,
  startSandbox,
  viaImageHost,
} from './contract-harness.js';

const uploads = (sandbox: Sandbox) =>
  sandbox.requestLog().filter((entry) => entry.path === '/api/v2/media_space/upload_image');

describe('Shopee images: downloaded, uploaded to the media space, listed by the ids it issued', () => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { port: 0, seed: 17 });
    adapter = adapterFor(sandbox);
  });
  afterAll(() => sandbox.close());

  it('creates a listing whose images are the ids upload_image issued, one upload per image', async () => {
    const account = await connectShop(sandbox);
    const before = uploads(sandbox).length;
    await adapter.upsertListing(account, freshDraft('shopee'));
    const [item] = sandbox.listItems(account.shopId);
    expect(item?.images).toHaveLength(images.length);
    expect(new Set(item?.images).size).toBe(images.length);
    expect(uploads(sandbox).slice(before)).toEqual(
      images.map(() => expect.objectContaining({ method: 'POST', status: 200 })),
    );
  });

  it('updates the images: only the new one is uploaded, and the item holds the new ids', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft('shopee');
    const ref = await adapter.upsertListing(account, draft);
    const first = sandbox.listItems(account.shopId)[0]?.images ?? [];
    const before = uploads(sandbox).length;
    const changed = {
      ...draft,
      images: [images[0] ?? '', 'https://cdn.ocop.example.vn/p/ocop-mat-ong-3.jpg'],
    };
    await adapter.upsertListing(account, changed, ref);
    expect(uploads(sandbox).length - before).toBe(1);
    const after = sandbox.listItems(account.shopId)[0]?.images ?? [];
    expect(after[0]).toBe(first[0]);
    expect(after[1]).not.toBe(first[1]);
  });

  it('a missing image is a PermanentError on images, and nothing is listed', async () => {
    const account = await connectShop(sandbox);
    const draft = { ...freshDraft('shopee'), images: ['https://cdn.ocop.example.vn/p/missing.jpg'] };
    const error = await adapter.upsertListing(account, draft).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'image_download_failed', kind: 'field-rejected', field: 'images' });
    expect(sandbox.listItems(account.shopId)).toHaveLength(0);
  });

  it('an unreachable image host is a RetryableError, and nothing is listed', async () => {
    const unreachable = adapterFor(sandbox, {
      downloadImage: viaImageHost(async () => 'http://127.0.0.1:9'),
    });
    const account = await connectShop(sandbox);
    const error = await unreachable
      .upsertListing(account, freshDraft('shopee'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'image_download_failed', channel: 'shopee' });
    expect(sandbox.listItems(account.shopId)).toHaveLength(0);
  });
});

describe('Lazada images: external URLs migrated to Lazada-hosted ones', () => {
  let sandbox: Sandbox;
  let adapter: MarketplaceAdapter;
  const migrations = () => sandbox.requestLog().filter((entry) => entry.path === '/rest/image/migrate');

  beforeAll(async () => {
    sandbox = await startSandbox('lazada', { port: 0, seed: 19 });
    adapter = adapterFor(sandbox);
  });
  afterAll(() => sandbox.close());

  it('creates and updates listings with migrated URLs, migrating each external URL once', async () => {
    const account = await connectShop(sandbox);
    const draft = freshDraft('lazada');
    const before = migrations().length;
    const ref = await adapter.upsertListing(account, draft);
    const created = sandbox.listItems(account.shopId)[0]?.images ?? [];
    expect(created).toHaveLength(images.length);
    for (const url of created) expect(url).toMatch(/^https:\/\/[a-z0-9-]+\.slatic\.net\/p\//);
    expect(migrations().length - before).toBe(images.length);

    const changed = { ...draft, images: [...images, 'https://cdn.ocop.example.vn/p/ocop-mat-ong-3.jpg'] };
    await adapter.upsertListing(account, changed, ref);
    const updated = sandbox.listItems(account.shopId)[0]?.images ?? [];
    expect(updated.slice(0, 2)).toEqual(created);
    expect(updated[2]).toMatch(/slatic\.net/);
    expect(migrations().length - before).toBe(images.length + 1);
  });
});
