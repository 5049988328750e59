import { z } from 'zod';

export const consentRequestSchema = z.strictObject({
  /** The marketplace page the integrator sent the seller to (authorisation link, grant or revoke page). */
  authorizationUrl: z.url(),
  /** The shop (seller) that logs in and confirms. */
  shopId: z.string().min(1),
});
export type ConsentRequest = z.infer<typeof consentRequestSchema>;

/** What the seller's browser saw after the click: a redirect (`location`) or a page that refused. */
export interface ConsentOutcome {
  readonly status: number;
  readonly location?: string;
  /** The page's text when there was no redirect (an error page or envelope); empty on a redirect. */
  readonly body: string;
}

const FORM = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/;
const HIDDEN = /<input type="hidden" name="([^"]*)" value="([^"]*)">/g;

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * Plays the seller over HTTP, as a browser would: opens the page, fills in the shop id, submits the
 * form, and does not follow the redirect (the integrator's callback may not be running).
 */
export async function playConsent(request: ConsentRequest): Promise<ConsentOutcome> {
  const page = await fetch(request.authorizationUrl, { redirect: 'manual' });
  const html = await page.text();
  const form = FORM.exec(html);
  if (page.status !== 200 || form === null) return { status: page.status, body: html };
  const fields = new URLSearchParams();
  for (const [, name = '', value = ''] of (form[2] ?? '').matchAll(HIDDEN)) {
    fields.append(unescapeHtml(name), unescapeHtml(value));
  }
  fields.set('shop_id', request.shopId);
  const action = new URL(unescapeHtml(form[1] ?? ''), request.authorizationUrl);
  const answer = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  const location = answer.headers.get('location');
  const body = await answer.text();
  return location === null ? { status: answer.status, body } : { status: answer.status, location, body };
}

/** Body of `PUT /__sandbox/app/callback-url`: null removes the registered callback. */
export const callbackUrlRequestSchema = z.strictObject({ callbackUrl: z.url().nullable() });
