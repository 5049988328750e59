import { migrateAnswer } from './payload.js';

/** Images Lazada already hosts need no migration (LAZ-GUIDE …/image-upload). */
const lazadaHosted = /^https?:\/\/([a-z0-9-]+\.)*(slatic\.net|lazcdn\.com)\//i;

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Lazada accepts only its own image URLs (error 4138): each external URL is migrated once with
 * `POST /image/migrate` (payload `<Request><Image><Url>…</Url></Image></Request>`), and the answer's
 * Lazada URL is remembered for the life of the adapter.
 */
export function lazadaImages() {
  const known = new Map<string, string>();
  return async (
    urls: readonly string[],
    migrate: (payload: string) => Promise<unknown>,
  ): Promise<string[]> => {
    const out: string[] = [];
    for (const url of urls) {
      if (lazadaHosted.test(url)) {
        out.push(url);
        continue;
      }
      let hosted = known.get(url);
      if (hosted === undefined) {
        const answer = await migrate(`<Request><Image><Url>${xmlEscape(url)}</Url></Image></Request>`);
        hosted = migrateAnswer.parse(answer).image.url;
        known.set(url, hosted);
      }
      out.push(hosted);
    }
    return out;
  };
}
