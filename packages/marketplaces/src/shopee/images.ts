import { RetryableError } from '../http/errors.js';
import type { RateScope } from '../http/http-client.js';
import { permanentError } from '../http/refusal-errors.js';
import type { ShopeeApi } from './client.js';
import { uploadImageAnswer } from './schemas.js';

/** Turns https image URLs into Shopee media-space image ids, in order. */
export type ImageResolver = (urls: readonly string[]) => Promise<string[]>;

/** Fetches a product image's bytes; `fetch` in production, a local image host in the local stack. */
export type ImageDownloader = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

const DOWNLOAD_TIMEOUT_MS = 15_000;
const DOWNLOAD_FAILED = 'image_download_failed';

/**
 * Shopee takes no external image URLs: each image is downloaded and uploaded with
 * `POST /api/v2/media_space/upload_image` (multipart field `image`, a partner-level call signed
 * `partner_id + path + timestamp`; SHP-GUIDE 211, SHP-DOC v2.media_space.upload_image), which answers
 * `image_info.image_id`. Ids are remembered per URL for the life of the adapter.
 */
export function mediaSpaceUploader(
  api: ShopeeApi,
  download: ImageDownloader,
  scopes: readonly RateScope[],
  downloadTimeoutMs = DOWNLOAD_TIMEOUT_MS,
): ImageResolver {
  const known = new Map<string, Promise<string>>();
  const one = (url: string): Promise<string> => {
    let id = known.get(url);
    if (id === undefined) {
      id = uploadOne(api, (imageUrl) => downloadImage(download, imageUrl, downloadTimeoutMs), scopes, url);
      id.catch(() => known.delete(url));
      known.set(url, id);
    }
    return id;
  };
  return (urls) => Promise.all(urls.map(one));
}

async function uploadOne(
  api: ShopeeApi,
  download: (url: string) => Promise<Uint8Array>,
  scopes: readonly RateScope[],
  url: string,
) {
  const bytes = await download(url);
  const form = new FormData();
  form.set('image', new Blob([bytes]), new URL(url).pathname.split('/').pop() || 'image');
  form.set('scene', 'normal');
  const answer = await api.call({ method: 'POST', path: '/api/v2/media_space/upload_image', form, scopes });
  return uploadImageAnswer.parse(answer).image_info.image_id;
}

/**
 * The producer's image, or a clear error: gone or refused (4xx) is the producer's to fix, a
 * {@link PermanentError} on `images`; a timeout (while waiting for the headers or reading the body), reset
 * or 5xx/408/429 may pass, a {@link RetryableError}.
 */
async function downloadImage(download: ImageDownloader, url: string, timeoutMs: number): Promise<Uint8Array> {
  // One signal for the whole download: a host that sends headers and then stalls is cut off too.
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await download(url, { signal });
  } catch (cause) {
    throw downloadFailed(`image ${url} could not be downloaded`, cause);
  }
  const status = response.status;
  if (status >= 500 || status === 408 || status === 429) {
    await response.body?.cancel().catch(() => undefined);
    throw downloadFailed(`image ${url} answered HTTP ${status}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw permanentError({
      channel: 'shopee',
      code: DOWNLOAD_FAILED,
      kind: 'field-rejected',
      field: 'images',
      detail: `image ${url} answered HTTP ${status}`,
    });
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    // The body is read after the headers: a timeout or reset here must not escape as a raw AbortError.
    throw downloadFailed(`image ${url} was cut off while downloading`, cause);
  }
}

function downloadFailed(message: string, cause?: unknown): RetryableError {
  return new RetryableError(message, {
    channel: 'shopee',
    code: DOWNLOAD_FAILED,
    attempts: 1,
    ...(cause === undefined ? {} : { cause }),
  });
}
