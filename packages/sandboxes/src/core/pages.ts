import type { SandboxRequest, SandboxResponse } from './http-types.js';

/**
 * Browser pages a marketplace serves beside its API (authorisation, consent, a back office). They are
 * answered before the API pipeline: no API signature headers, rate limits or injected faults apply.
 * Returns undefined when the request is not for a page.
 */
export type PageHandler = (request: SandboxRequest) => SandboxResponse | undefined;

/** App settings the marketplace keeps in its developer console, changeable while the sandbox runs. */
export interface AppSettings {
  /** The callback URL registered for the app (Lazada: `redirect_uri` must equal it). */
  callbackUrl: string | undefined;
}

export const HTML_TYPE = 'text/html; charset=utf-8';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function htmlPage(status: number, title: string, body: string): SandboxResponse {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
  return { status, body: html, headers: { 'content-type': HTML_TYPE } };
}

/** A refusal shown to the person in the browser (RFC 6749 §4.1.2.1: never redirect to an unverified URI). */
export function errorPage(status: number, title: string, error: string, message: string): SandboxResponse {
  return htmlPage(
    status,
    title,
    `<p class="error" data-error="${escapeHtml(error)}">${escapeHtml(error)}: ${escapeHtml(message)}</p>`,
  );
}

export interface ConsentForm {
  readonly title: string;
  /** What the seller is asked, as plain text. */
  readonly question: string;
  /** Where the form posts: the page's own path and query, so the POST is checked like the GET. */
  readonly action: string;
  readonly hidden?: Readonly<Record<string, string>>;
  readonly submitLabel: string;
}

/**
 * The consent page: the seller "logs in" by naming the shop (seller) id and confirms. `sandbox.consent()`
 * reads this exact markup: one form, hidden inputs, a `shop_id` field.
 */
export function consentPage(form: ConsentForm): SandboxResponse {
  const hidden = Object.entries(form.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return htmlPage(
    200,
    form.title,
    `<p>${escapeHtml(form.question)}</p>
<form method="post" action="${escapeHtml(form.action)}">
${hidden}
<label>Log in as shop (shop id) <input name="shop_id" required></label>
<button type="submit">${escapeHtml(form.submitLabel)}</button>
</form>`,
  );
}

/** The path and query of a request, to post a page's form back to itself. */
export function selfAction(request: SandboxRequest): string {
  const query = request.query.toString();
  return query === '' ? request.path : `${request.path}?${query}`;
}

/** The `application/x-www-form-urlencoded` fields a browser posts. */
export function formFields(request: SandboxRequest): URLSearchParams {
  return new URLSearchParams(request.bodyText);
}

/** 302 to `target` with `extra` appended to its query (what is already there, e.g. `state`, is kept). */
export function redirectWith(target: string, extra: Readonly<Record<string, string>>): SandboxResponse {
  const url = new URL(target);
  for (const [name, value] of Object.entries(extra)) url.searchParams.append(name, value);
  return { status: 302, headers: { location: url.toString() } };
}

/** An absolute http(s) URL a browser can be sent to. */
export function isRedirectable(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
