import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST } from './constants.js';

export interface ImageHost {
  /** `http://127.0.0.1:<port>`; an image `https://<host>/<path>` is served at `${url}/<host>/<path>`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface ImageHostOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

/**
 * An 8×8 grey baseline JPEG, written out by hand: one DC-only block (quantisation 1, DC = 8 × (200 − 128)),
 * one-symbol Huffman tables, and a comment segment naming the path so each path has its own bytes
 * (ISO/IEC 10918-1 B.2). Deterministic: the same path always gives the same file.
 */
export function placeholderJpeg(path: string): Buffer {
  const segment = (marker: number, body: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), length, body]);
  };
  const huffman = (tableClass: number, symbol: number) =>
    segment(0xc4, Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), symbol]));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    segment(0xfe, Buffer.from(`ocop-sync image host ${path}`.slice(0, 60000), 'utf8')),
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    huffman(0, 10),
    huffman(1, 0),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    // DC code "0", 10 bits of 576, AC end-of-block "0", padded with ones.
    Buffer.from([0x48, 0x0f, 0xff, 0xd9]),
  ]);
}

/**
 * A stand-in for the producers' image hosts when there is no internet (local stack, tests): answers
 * `GET /<original host>/<original path>` with a small JPEG, and 404 when the path contains `missing`, so a
 * failed download can be exercised. The server does not keep the process alive on its own.
 *
 * @example
 * const images = await startImageHost();
 * await fetch(`${images.url}/cdn.ocop.example.vn/p/mat-ong.jpg`); // image/jpeg
 * await images.close();
 */
export async function startImageHost(options: ImageHostOptions = {}): Promise<ImageHost> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://image-host.invalid').pathname;
    const found = /^\/[^/]+\/./.test(path) && !path.includes('missing');
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !found) {
      response.writeHead(request.method === 'GET' || request.method === 'HEAD' ? 404 : 405, {
        'content-type': 'text/plain; charset=utf-8',
      });
      response.end('not found');
      return;
    }
    const image = placeholderJpeg(path);
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(image.length) });
    response.end(request.method === 'HEAD' ? undefined : image);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST, () => resolve());
  });
  server.unref();
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? DEFAULT_HOST}:${address.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
