import type { RateScope } from '../http/http-client.js';
import type { ShopeeApi } from './client.js';
import { uploadImageAnswer } from './schemas.js';

/** Turns https image URLs into Shopee media-space image ids, in order. */
export type ImageResolver = (urls: readonly string[]) => Promise<string[]>;

/**
 * Shopee takes no external image URLs: each image is downloaded and uploaded with
 * `POST /api/v2/media_space/upload_image` (multipart field `image`, SHP-GUIDE 211), which answers an
 * `image_id`. Ids are remembered per URL for the life of the adapter.
 */
export function mediaSpaceUploader(
  api: ShopeeApi,
  download: typeof fetch,
  scopes: readonly RateScope[],
): ImageResolver {
  const known = new Map<string, Promise<string>>();
  const one = (url: string): Promise<string> => {
    let id = known.get(url);
    if (id === undefined) {
      id = uploadOne(api, download, scopes, url);
      id.catch(() => known.delete(url));
      known.set(url, id);
    }
    return id;
  };
  return (urls) => Promise.all(urls.map(one));
}

async function uploadOne(api: ShopeeApi, download: typeof fetch, scopes: readonly RateScope[], url: string) {
  const response = await download(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`image ${url} answered HTTP ${response.status}`);
  const form = new FormData();
  form.set(
    'image',
    new Blob([await response.arrayBuffer()]),
    new URL(url).pathname.split('/').pop() ?? 'image',
  );
  const answer = await api.call({ method: 'POST', path: '/api/v2/media_space/upload_image', form, scopes });
  return uploadImageAnswer.parse(answer).image_info.image_id;
}
