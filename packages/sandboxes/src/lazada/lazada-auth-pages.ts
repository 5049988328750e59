import type { Catalogue } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import {
  type AppSettings,
  consentPage,
  errorPage,
  formFields,
  type PageHandler,
  redirectWith,
  selfAction,
} from '../core/pages.js';
import type { TokenStore } from '../core/token-store.js';
import type { LazadaApp } from '../types.js';

/** The browser page on the authorisation host (`https://auth.lazada.com/oauth/authorize`). */
const AUTHORIZE_PATH = '/oauth/authorize';
const TITLE = 'Lazada — authorise app';

export interface LazadaAuthPageDeps {
  readonly app: LazadaApp;
  readonly tokens: TokenStore;
  readonly catalogue: Catalogue;
  readonly settings: AppSettings;
}

type Checked =
  | { ok: true; redirectUri: string; state: string | undefined }
  | { ok: false; response: SandboxResponse };

/**
 * `?response_type=code&force_auth=true&redirect_uri=<app callback>&client_id=<app_key>[&state]`, where
 * `redirect_uri` must equal the callback registered for the app (LAZ-GUIDE quick-start-guide/
 * seller-authorization-introduction). A bad client or redirect is shown to the seller, never redirected
 * to (RFC 6749 §4.1.2.1); other faults go back to the callback with `error` (the error codes and page
 * wording of Lazada's own page are not documented: these follow RFC 6749).
 */
function check(request: SandboxRequest, deps: LazadaAuthPageDeps): Checked {
  const query = request.query;
  const refuse = (error: string, message: string): Checked => ({
    ok: false,
    response: errorPage(400, TITLE, error, message),
  });
  if (query.get('client_id') !== deps.app.appKey) return refuse('invalid_client', 'Unknown client_id.');
  const redirectUri = query.get('redirect_uri') ?? '';
  const registered = deps.settings.callbackUrl;
  if (registered === undefined) {
    return refuse('invalid_request', 'The app has no callback URL registered.');
  }
  if (redirectUri !== registered) {
    return refuse('invalid_request', 'redirect_uri does not match the callback URL registered for the app.');
  }
  const state = query.get('state') ?? undefined;
  if (query.get('response_type') !== 'code') {
    const echo: Record<string, string> = state === undefined ? {} : { state };
    return {
      ok: false,
      response: redirectWith(redirectUri, { error: 'unsupported_response_type', ...echo }),
    };
  }
  return { ok: true, redirectUri, state };
}

/** The seller signs in and confirms: a single-use code (30 min) for /auth/token/create, `state` echoed. */
function authorize(request: SandboxRequest, deps: LazadaAuthPageDeps): SandboxResponse {
  const checked = check(request, deps);
  if (!checked.ok) return checked.response;
  if (request.method === 'GET') {
    return consentPage({
      title: TITLE,
      question: `App ${deps.app.appKey} asks to manage your products, stock and orders. Sign in and authorise.`,
      action: selfAction(request),
      submitLabel: 'Submit',
    });
  }
  const seller = deps.catalogue.shop(formFields(request).get('shop_id') ?? '');
  if (seller === undefined) return errorPage(404, TITLE, 'invalid_seller', 'No seller with this id.');
  seller.authorised = true;
  const code = deps.tokens.issueCode(seller.shopId);
  return redirectWith(checked.redirectUri, {
    code,
    ...(checked.state === undefined ? {} : { state: checked.state }),
  });
}

export function createLazadaAuthPages(deps: LazadaAuthPageDeps): PageHandler {
  return (request) => {
    if (request.path !== AUTHORIZE_PATH) return undefined;
    if (request.method !== 'GET' && request.method !== 'POST') {
      return errorPage(405, TITLE, 'method_not_allowed', request.method);
    }
    return authorize(request, deps);
  };
}
