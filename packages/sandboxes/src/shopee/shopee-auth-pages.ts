import type { Catalogue } from '../core/catalogue.js';
import type { SandboxRequest, SandboxResponse } from '../core/http-types.js';
import {
  consentPage,
  errorPage,
  formFields,
  isRedirectable,
  type PageHandler,
  redirectWith,
  selfAction,
} from '../core/pages.js';
import { authenticateShopee, type ShopeeAuthDeps } from './shopee-auth.js';
import { SHOPEE_MESSAGES as M, shopeeError } from './shopee-errors.js';

const AUTH_PATH = '/api/v2/shop/auth_partner';
const CANCEL_PATH = '/api/v2/shop/cancel_auth_partner';

export interface ShopeeAuthPageDeps {
  readonly auth: ShopeeAuthDeps;
  readonly catalogue: Catalogue;
}

type Link = { ok: true; redirect: string } | { ok: false; response: SandboxResponse };

/**
 * The authorisation link `auth_partner?partner_id&timestamp&sign&redirect`: a public-API signature, valid
 * 5 minutes like every timestamp, and the seller must log in and confirm within those 5 minutes or start
 * again from a new link (SHP-GUIDE 20 "Authorization process"), so the consent POST is checked again.
 * Refusals use the API's error envelope (`error_param` "Invalid timestamp.", `error_sign` "Wrong sign.").
 */
function checkLink(request: SandboxRequest, deps: ShopeeAuthPageDeps): Link {
  const auth = authenticateShopee(request, deps.auth);
  if (!auth.ok) return { ok: false, response: auth.response };
  const redirect = request.query.get('redirect') ?? '';
  const refuse = (message: string): Link => ({
    ok: false,
    response: shopeeError(deps.auth.requestId(), 'error_param', message),
  });
  if (redirect === '') return refuse(M.missing('redirect'));
  if (!isRedirectable(redirect)) return refuse('Invalid redirect.');
  return { ok: true, redirect };
}

function unknownShop(): SandboxResponse {
  return errorPage(404, 'Shopee — log in', 'error_auth_shop_not_found', 'No shop with this id.');
}

/** The seller confirms: a single-use code (10 min) for token/get, then back to `redirect?code=…&shop_id=…`. */
function authorise(request: SandboxRequest, deps: ShopeeAuthPageDeps): SandboxResponse {
  const link = checkLink(request, deps);
  if (!link.ok) return link.response;
  if (request.method === 'GET') {
    return consentPage({
      title: 'Shopee Open Platform — authorise app',
      question: `Partner ${deps.auth.app.partnerId} asks to manage your shop's products, stock and orders. Log in and confirm the authorisation.`,
      action: selfAction(request),
      submitLabel: 'Confirm authorisation',
    });
  }
  const shop = deps.catalogue.shop(formFields(request).get('shop_id') ?? '');
  if (shop === undefined) return unknownShop();
  shop.authorised = true;
  const code = deps.auth.tokens.issueCode(shop.shopId);
  return redirectWith(link.redirect, { code, shop_id: shop.shopId });
}

/**
 * The deauthorisation link (same parameters, SHP-GUIDE 20). After the seller confirms, the shop's tokens
 * stop working: shop calls answer `error_auth` "Invalid access_token." and a refresh `error_auth`
 * "Invalid refresh_token." (documented codes; which one Shopee gives after a deauthorisation is not
 * documented). The browser returns to `redirect?shop_id=…` (what public clients read on that callback).
 */
function cancel(request: SandboxRequest, deps: ShopeeAuthPageDeps): SandboxResponse {
  const link = checkLink(request, deps);
  if (!link.ok) return link.response;
  if (request.method === 'GET') {
    return consentPage({
      title: 'Shopee Open Platform — cancel authorisation',
      question: `Log in to stop partner ${deps.auth.app.partnerId} from accessing your shop.`,
      action: selfAction(request),
      submitLabel: 'Cancel authorisation',
    });
  }
  const shop = deps.catalogue.shop(formFields(request).get('shop_id') ?? '');
  if (shop === undefined) return unknownShop();
  shop.authorised = false;
  deps.auth.tokens.revokeShop(shop.shopId);
  return redirectWith(link.redirect, { shop_id: shop.shopId });
}

export function createShopeeAuthPages(deps: ShopeeAuthPageDeps): PageHandler {
  return (request) => {
    if (request.path !== AUTH_PATH && request.path !== CANCEL_PATH) return undefined;
    if (request.method !== 'GET' && request.method !== 'POST') {
      return errorPage(405, 'Shopee', 'method_not_allowed', request.method);
    }
    return request.path === AUTH_PATH ? authorise(request, deps) : cancel(request, deps);
  };
}
