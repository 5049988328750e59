import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SandboxResponse } from '../core/http-types.js';
import type { Router } from '../core/router.js';
import { LAZADA_LIMITS as L } from './lazada-catalogue.js';
import type { LazadaContext } from './lazada-context.js';
import { lazadaError, lazadaOk } from './lazada-errors.js';
import { decodeWith, scalar } from './lazada-payload.js';
import { failure } from './lazada-rules.js';

/** `<Request><Image><Url>…</Url></Image></Request>` (keys lower-cased by decodePayload). */
const migrateImageSchema = z.object({
  request: z.object({ image: z.object({ url: scalar }) }),
});

/** The image-upload guide fetches source images over ports 80/443 only (LAZ-GUIDE …/image-upload). */
function sourceProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.port !== '' && url.port !== '80' && url.port !== '443') return 'must use port 80 or 443';
  return undefined;
}

/**
 * MigrateImage (`POST /image/migrate`): answers `data.image{url, hash_code}`, a Lazada-hosted copy of the
 * source (LAZ-API product-api/migrateimage.json). The sandbox has no internet, so it does not fetch the source:
 * the hosted URL is derived from the source URL, the same one on every call.
 */
function migrateImage(_request: unknown, context: LazadaContext): SandboxResponse {
  const decoded = decodeWith(context.params.payload, 'payload', migrateImageSchema);
  if (!decoded.ok) return lazadaError(context.requestId, decoded.failure);
  const source = decoded.value.request.image.url.trim();
  const problem = sourceProblem(source);
  if (problem !== undefined)
    return lazadaError(context.requestId, failure('5', 'E005: Invalid Request Format', 'Image.Url', problem));
  const hash_code = hashOf(source);
  const url = L.lazadaImageHost.test(source) ? source : `https://vn-live-01.slatic.net/p/${hash_code}.jpg`;
  return lazadaOk(context.requestId, { image: { url, hash_code } });
}

const hashOf = (text: string) => createHash('md5').update(text).digest('hex');

export function registerLazadaImageRoutes(router: Router<LazadaContext>): Router<LazadaContext> {
  return router.on('POST', '/rest/image/migrate', migrateImage);
}
