import type { z } from 'zod';
import { SandboxError } from '../errors.js';
import type { MarketplaceKind, Sandbox } from '../types.js';
import { callbackUrlRequestSchema, consentRequestSchema } from './consent.js';
import { json, type SandboxRequest, type SandboxResponse } from './http-types.js';
import { Router } from './router.js';
import {
  banItemSchema,
  createShopSchema,
  faultConfigSchema,
  firstIssue,
  pushRequestSchema,
  sellerCentreEditSchema,
} from './schemas.js';

export const CONTROL_PREFIX = '/__sandbox';
/** One item of a shop: hand edits, campaign locks and bans made behind the adapter's back. */
const ITEM = `${CONTROL_PREFIX}/shops/:shopId/items/:itemId`;

/** The `/__sandbox/…` HTTP routes: the programmatic control operations, over HTTP, for other processes. */
export function createControlApi<K extends MarketplaceKind>(
  sandbox: Sandbox<K>,
): (request: SandboxRequest) => Promise<SandboxResponse> {
  const router = new Router<Sandbox<K>>()
    .on('GET', `${CONTROL_PREFIX}/info`, (_r, s) => json(200, { kind: s.kind, url: s.url, app: s.app }))
    .on('POST', `${CONTROL_PREFIX}/shops`, async (r, s) =>
      withBody(r, createShopSchema, async (body) => json(201, await s.createShop(body))),
    )
    .on('GET', `${CONTROL_PREFIX}/shops/:shopId/items`, (_r, s, p) =>
      json(200, { items: s.listItems(p.shopId ?? '') }),
    )
    .on('POST', `${CONTROL_PREFIX}/shops/:shopId/expire-token`, (_r, s, p) => {
      s.expireAccessToken(p.shopId ?? '');
      return json(200, { ok: true });
    })
    .on('POST', `${CONTROL_PREFIX}/shops/:shopId/auth-code`, (_r, s, p) =>
      json(200, { code: s.issueAuthCode(p.shopId ?? '') }),
    )
    .on('POST', `${ITEM}/seller-centre-edit`, (r, s, p) =>
      withBody(r, sellerCentreEditSchema, (body) =>
        json(200, s.editInSellerCentre(p.shopId ?? '', p.itemId ?? '', body)),
      ),
    )
    .on(['PUT', 'DELETE'], `${ITEM}/campaign-lock`, (r, s, p) => {
      const locked = r.method === 'PUT';
      if (locked) s.lockCampaignStock(p.shopId ?? '', p.itemId ?? '');
      else s.unlockCampaignStock(p.shopId ?? '', p.itemId ?? '');
      return json(200, { campaignLocked: locked });
    })
    .on('POST', `${ITEM}/ban`, (r, s, p) =>
      withBody(r, banItemSchema, (body) => json(200, s.banItem(p.shopId ?? '', p.itemId ?? '', body.reason))),
    )
    .on('PUT', `${CONTROL_PREFIX}/faults`, (r, s) =>
      withBody(r, faultConfigSchema, (body) => {
        s.faults.set(body);
        return json(200, { faults: body });
      }),
    )
    .on('DELETE', `${CONTROL_PREFIX}/faults`, (_r, s) => {
      s.faults.clear();
      return json(200, { faults: {} });
    })
    .on('POST', `${CONTROL_PREFIX}/push`, (r, s) =>
      withBody(r, pushRequestSchema, async (body) =>
        json(200, await s.push(body.kind, body.target, body.data)),
      ),
    )
    .on('POST', `${CONTROL_PREFIX}/consent`, (r, s) =>
      withBody(r, consentRequestSchema, async (body) => json(200, await s.consent(body))),
    )
    .on('PUT', `${CONTROL_PREFIX}/app/callback-url`, (r, s) =>
      withBody(r, callbackUrlRequestSchema, (body) => {
        s.setCallbackUrl(body.callbackUrl ?? undefined);
        return json(200, body);
      }),
    )
    .on('GET', `${CONTROL_PREFIX}/requests`, (_r, s) => json(200, { requests: s.requestLog() }))
    .on('POST', `${CONTROL_PREFIX}/reset`, (_r, s) => {
      s.reset();
      return json(200, { ok: true });
    });

  return async (request) => {
    const match = router.match(request.method, request.path);
    if (match === undefined)
      return json(404, { error: 'not_found', message: `no control route ${request.path}` });
    if (match === 'method') return json(405, { error: 'method_not_allowed', message: request.method });
    try {
      return await match.handler(request, sandbox, match.params);
    } catch (error) {
      if (error instanceof SandboxError) return json(404, { error: error.name, message: error.message });
      return json(502, {
        error: 'control_failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
}

async function withBody<T>(
  request: SandboxRequest,
  schema: z.ZodType<T>,
  use: (body: T) => SandboxResponse | Promise<SandboxResponse>,
): Promise<SandboxResponse> {
  let raw: unknown = {};
  try {
    raw = request.bodyText.trim() === '' ? {} : JSON.parse(request.bodyText);
  } catch {
    return json(400, { error: 'invalid_json', message: 'body is not JSON' });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return json(400, { error: 'invalid_request', ...firstIssue(parsed.error) });
  return use(parsed.data);
}
