import { createHash } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import { imageFormat } from '../core/image-format.js';
import { readMultipart } from '../core/multipart.js';
import type { Router } from '../core/router.js';
import type { ShopeeContext } from './shopee-context.js';
import { type ShopeeFailure, shopeeError, shopeeOk } from './shopee-errors.js';

/**
 * v2.media_space.upload_image limits: JPG/JPEG/PNG, at most 10 MB each, fewer than 9 images a call;
 * `scene` normal|desc, `ratio` 1:1|3:4 (SHP-DOC v2.media_space.upload_image; SHP-GUIDE 211).
 */
export const SHOPEE_IMAGE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerCall: 8,
  scenes: ['normal', 'desc'],
  ratios: ['1:1', '3:4'],
} as const;

/** Regions whose CDN URLs the answer lists (`image_url_list[{image_url_region, image_url}]`). */
const REGIONS = { VN: 'https://cf.shopee.vn/file/', SG: 'https://cf.shopee.sg/file/' } as const;

interface ImageInfo {
  readonly image_id: string;
  readonly image_url_list: ReadonlyArray<{ image_url_region: string; image_url: string }>;
}

/** The partner's media space: which image ids the sandbox really issued (add_item/update_item check them). */
export class MediaSpace {
  readonly #issued = new Set<string>();

  /** Shopee ids are content hashes: the same bytes give the same id. */
  issue(bytes: Uint8Array): ImageInfo {
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 26);
    const image_id = `vn-11134207-${hash}`;
    this.#issued.add(image_id);
    const image_url_list = Object.entries(REGIONS).map(([region, base]) => ({
      image_url_region: region,
      image_url: `${base}${image_id}`,
    }));
    return { image_id, image_url_list };
  }

  has(imageId: string): boolean {
    return this.#issued.has(imageId);
  }

  /** The first id of a list that was never issued. */
  unknown(imageIds: readonly string[]): string | undefined {
    return imageIds.find((id) => !this.#issued.has(id));
  }

  clear(): void {
    this.#issued.clear();
  }
}

/** add_item/update_item with an id upload_image never answered: `error_param` "Image not exist." (research §1.4). */
export function unknownImage(
  context: ShopeeContext,
  imageIds: readonly string[],
): SandboxResponse | undefined {
  const unknown = context.mediaSpace.unknown(imageIds);
  if (unknown === undefined) return undefined;
  return shopeeError(context.requestId, 'error_param', `Image not exist. image_id ${unknown}`);
}

// Bad bytes have no documented code of their own; `error_param` naming the field is the sandbox's assumption.
const badImage = (why: string): ShopeeFailure => ({
  error: 'error_param',
  message: `invalid field image: ${why}`,
});

async function checkImage(part: File | string, index: number) {
  if (typeof part === 'string') return { failure: badImage(`image[${index}] is not a file`) };
  const bytes = new Uint8Array(await part.arrayBuffer());
  if (bytes.length === 0) return { failure: badImage(`image[${index}] is empty`) };
  if (bytes.length > SHOPEE_IMAGE_LIMITS.maxBytes)
    return { failure: badImage(`image[${index}] exceeds 10 MB`) };
  if (imageFormat(bytes) === undefined)
    return { failure: badImage(`image[${index}] is not a JPG, JPEG or PNG file`) };
  return { bytes };
}

/**
 * `POST /api/v2/media_space/upload_image`: multipart field `image` (repeatable), optional `scene` and `ratio`.
 * Answers `image_info` (the first image, deprecated but still sent) and `image_info_list[{id, error, message,
 * image_info}]`; when no image could be taken the whole call fails.
 */
async function uploadImage(request: SandboxRequest, context: ShopeeContext): Promise<SandboxResponse> {
  const form = await readMultipart(request);
  const fail = (failure: ShopeeFailure) => shopeeError(context.requestId, failure.error, failure.message);
  if (form === undefined) return fail(badImage('the request must be multipart/form-data'));
  const scene = form.get('scene') ?? 'normal';
  if (typeof scene !== 'string' || !(SHOPEE_IMAGE_LIMITS.scenes as readonly string[]).includes(scene))
    return fail({ error: 'error_param', message: 'invalid field scene: must be normal or desc' });
  const ratio = form.get('ratio') ?? '1:1';
  if (typeof ratio !== 'string' || !(SHOPEE_IMAGE_LIMITS.ratios as readonly string[]).includes(ratio))
    return fail({ error: 'error_param', message: 'invalid field ratio: must be 1:1 or 3:4' });
  const parts = form.getAll('image');
  if (parts.length === 0) return fail({ error: 'error_param', message: 'There is no image in request.' });
  if (parts.length > SHOPEE_IMAGE_LIMITS.maxPerCall)
    return fail(badImage(`at most ${SHOPEE_IMAGE_LIMITS.maxPerCall} images a call`));
  const checked = await Promise.all(parts.map(checkImage));
  const list = checked.map((one, id) =>
    one.bytes === undefined
      ? { id, ...one.failure }
      : { id, error: '', message: '', image_info: context.mediaSpace.issue(one.bytes) },
  );
  const first = list.find((entry) => 'image_info' in entry);
  if (first === undefined || !('image_info' in first)) {
    const failure = checked[0]?.failure ?? badImage('no image');
    return fail(failure);
  }
  return shopeeOk(context.requestId, { image_info: first.image_info, image_info_list: list });
}

export function registerShopeeMediaRoutes(router: Router<ShopeeContext>): Router<ShopeeContext> {
  return router.on('POST', '/api/v2/media_space/upload_image', uploadImage);
}
