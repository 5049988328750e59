import type { Catalogue } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import {
  type AppSettings,
  consentPage,
  errorPage,
  formFields,
  htmlPage,
  isRedirectable,
  type PageHandler,
  redirectWith,
  selfAction,
} from '../core/pages.js';
import type { PostmartApp } from '../types.js';

/**
 * Proposal §3.2 says only that a seller grants the integrator's app "in the Postmart back office". These
 * pages are OUR ADDITION to that proposal, the smallest that lets a producer connect from ocop-sync:
 * - `GET /back-office/partner-apps/grant?app_key&redirect_uri[&state]`: the seller logs in and grants;
 *   the browser returns to `redirect_uri?seller_id=…&state=…` (no code: there are no tokens to exchange;
 *   the integrator checks the grant with any signed call, which answers 403 SELLER_NOT_AUTHORIZED without it).
 * - `GET /back-office/partner-apps/revoke?app_key[&redirect_uri]`: the seller withdraws the grant.
 * When a callback URL is registered for the app, `redirect_uri` must equal it.
 */
const GRANT_PATH = '/back-office/partner-apps/grant';
const REVOKE_PATH = '/back-office/partner-apps/revoke';
const TITLE = 'Postmart back office — partner apps';

export interface PostmartGrantPageDeps {
  readonly app: PostmartApp;
  readonly catalogue: Catalogue;
  readonly settings: AppSettings;
}

type Checked = { ok: true; redirectUri: string | undefined } | { ok: false; response: SandboxResponse };

function check(request: SandboxRequest, deps: PostmartGrantPageDeps, redirectRequired: boolean): Checked {
  const refuse = (code: string, message: string): Checked => ({
    ok: false,
    response: errorPage(400, TITLE, code, message),
  });
  if (request.query.get('app_key') !== deps.app.clientId)
    return refuse('UNKNOWN_APP_KEY', 'Unknown app key.');
  const redirectUri = request.query.get('redirect_uri') ?? undefined;
  if (redirectUri === undefined) {
    return redirectRequired
      ? refuse('INVALID_PARAM', 'redirect_uri is required.')
      : { ok: true, redirectUri };
  }
  if (!isRedirectable(redirectUri)) return refuse('INVALID_PARAM', 'redirect_uri is not an http(s) URL.');
  const registered = deps.settings.callbackUrl;
  if (registered !== undefined && redirectUri !== registered) {
    return refuse('INVALID_PARAM', 'redirect_uri does not match the callback URL registered for the app.');
  }
  return { ok: true, redirectUri };
}

function page(request: SandboxRequest, deps: PostmartGrantPageDeps, grant: boolean): SandboxResponse {
  const checked = check(request, deps, grant);
  if (!checked.ok) return checked.response;
  if (request.method === 'GET') {
    return consentPage({
      title: TITLE,
      question: grant
        ? `Grant partner app ${deps.app.clientId} access to manage your products and stock.`
        : `Withdraw the access of partner app ${deps.app.clientId}.`,
      action: selfAction(request),
      submitLabel: grant ? 'Grant access' : 'Revoke access',
    });
  }
  const seller = deps.catalogue.shop(formFields(request).get('shop_id') ?? '');
  if (seller === undefined) return errorPage(404, TITLE, 'SELLER_NOT_FOUND', 'No seller with this id.');
  seller.authorised = grant;
  if (checked.redirectUri === undefined) {
    return htmlPage(200, TITLE, `<p>Access of ${deps.app.clientId} revoked.</p>`);
  }
  const state = request.query.get('state') ?? undefined;
  return redirectWith(checked.redirectUri, {
    seller_id: seller.shopId,
    ...(state === undefined ? {} : { state }),
  });
}

export function createPostmartGrantPages(deps: PostmartGrantPageDeps): PageHandler {
  return (request) => {
    if (request.path !== GRANT_PATH && request.path !== REVOKE_PATH) return undefined;
    if (request.method !== 'GET' && request.method !== 'POST') {
      return errorPage(405, TITLE, 'METHOD_NOT_ALLOWED', request.method);
    }
    return page(request, deps, request.path === GRANT_PATH);
  };
}
