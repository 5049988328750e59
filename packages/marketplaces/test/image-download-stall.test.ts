import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Sandbox } from '@ocop-sync/sandboxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageDownloader, type MarketplaceAdapter, RetryableError } from '../src/index.js';
import { adapterFor, connectShop, freshDraft, startSandbox } from './contract-harness.js';

/** An image host that answers 200 with its headers, sends a few bytes of the body and then stalls. */
async function startStallingImageHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' });
    response.write(Buffer.alloc(64, 0xff));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Shopee images: a download that stalls after its headers', () => {
  let sandbox: Sandbox;
  let host: Awaited<ReturnType<typeof startStallingImageHost>>;
  let adapter: MarketplaceAdapter;

  beforeAll(async () => {
    sandbox = await startSandbox('shopee', { port: 0, seed: 23 });
    host = await startStallingImageHost();
    // The adapter's own download signal (15 s) is joined with a short one, so the body read is what times out.
    const stalling: ImageDownloader = (url, init) =>
      fetch(`${host.url}/${new URL(url).host}${new URL(url).pathname}`, {
        signal: AbortSignal.any([init.signal, AbortSignal.timeout(300)]),
      });
    adapter = adapterFor(sandbox, { downloadImage: stalling });
  });
  afterAll(async () => {
    await host.close();
    await sandbox.close();
  });

  it('is a RetryableError (not a raw AbortError), and nothing is uploaded or listed', async () => {
    const account = await connectShop(sandbox);
    const error = await adapter
      .upsertListing(account, freshDraft('shopee'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'image_download_failed', channel: 'shopee' });
    expect(sandbox.listItems(account.shopId)).toHaveLength(0);
    const uploads = sandbox.requestLog().filter((entry) => entry.path === '/api/v2/media_space/upload_image');
    expect(uploads).toHaveLength(0);
  });
});
