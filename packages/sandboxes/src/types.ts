import type { ConsentOutcome, ConsentRequest } from './core/consent.js';
import type { FaultConfig, PushData, PushKind, SellerCentreEdit } from './core/schemas.js';

export type { ConsentOutcome, ConsentRequest, FaultConfig, PushData, PushKind, SellerCentreEdit };

export const MARKETPLACE_KINDS = ['shopee', 'lazada', 'postmart'] as const;
export type MarketplaceKind = (typeof MARKETPLACE_KINDS)[number];

/** A token bucket: `ratePerSecond` tokens refill per second, at most `burst` held. */
export interface BucketConfig {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** `false` switches a level off; an omitted level keeps the marketplace default (see constants.ts). */
export interface RateLimits {
  readonly perApp?: BucketConfig | false;
  readonly perShop?: BucketConfig | false;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Seeds app credentials, ids, tokens and the fault PRNG. Default 1. */
  readonly seed?: number;
  readonly rateLimits?: RateLimits;
  /** Access-token lifetime; default per marketplace (Shopee 4 h, Lazada 7 d). */
  readonly tokenTtlSeconds?: number;
  /** Refresh-token lifetime; default per marketplace (Shopee 30 d, Lazada 30 d). */
  readonly refreshTokenTtlSeconds?: number;
  /** The sandbox clock (epoch ms): timestamp windows, token expiry, rate limits. Default Date.now. */
  readonly now?: () => number;
  /**
   * The callback URL registered for the app in the marketplace console (Lazada: `redirect_uri` must equal it;
   * Postmart grant page: checked when set). Changeable later with `setCallbackUrl`.
   */
  readonly callbackUrl?: string;
}

export interface ShopeeApp {
  readonly kind: 'shopee';
  readonly partnerId: number;
  readonly partnerKey: string;
}

export interface LazadaApp {
  readonly kind: 'lazada';
  readonly appKey: string;
  readonly appSecret: string;
}

/** Postmart (our proposal §3.2): `clientId` is sent as `X-PM-App-Key`; `clientSecret` signs requests. */
export interface PostmartApp {
  readonly kind: 'postmart';
  readonly clientId: string;
  readonly clientSecret: string;
  /** Standard Webhooks secret (`whsec_…`) that signs pushes. */
  readonly webhookSecret: string;
}

export type SandboxApp = ShopeeApp | LazadaApp | PostmartApp;
interface AppByKind {
  readonly shopee: ShopeeApp;
  readonly lazada: LazadaApp;
  readonly postmart: PostmartApp;
}
/** An indexed access (not a conditional type), so `Sandbox<'shopee'>` is assignable to `Sandbox`. */
export type AppFor<K extends MarketplaceKind> = AppByKind[K];

/** A shop (Lazada: seller; Postmart: seller) authorised for the sandbox app. */
export interface SandboxShop {
  readonly shopId: string;
  readonly name: string;
  /** Postmart has no tokens in the proposal: empty string. */
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms; Postmart: the seller grant has no expiry, so Number.MAX_SAFE_INTEGER. */
  readonly accessTokenExpiresAt: number;
  readonly refreshTokenExpiresAt: number;
  /** A fresh single-use authorisation code for the token-exchange endpoint (Postmart: empty). */
  readonly authCode: string;
}

export type ItemStatus = 'live' | 'unlisted' | 'banned' | 'deleted';

export interface SandboxSku {
  readonly skuId: string;
  readonly sellerSku: string;
  readonly price: number;
  readonly stock: number;
  readonly stockByLocation: Readonly<Record<string, number>>;
  readonly active: boolean;
}

/** The marketplace-independent view of what a sandbox holds for one listing. */
export interface SandboxItem {
  readonly externalItemId: string;
  /** The first SKU's seller SKU (Shopee: `item_sku`). */
  readonly sellerSku: string;
  readonly title: string;
  readonly description: string;
  /** VND integer, the first SKU's price. */
  readonly price: number;
  /** Sum over SKUs and locations. */
  readonly stock: number;
  readonly status: ItemStatus;
  readonly categoryId: string;
  readonly images: readonly string[];
  readonly weightGrams: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly skus: readonly SandboxSku[];
  readonly version: number;
  readonly updatedAt: number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** 0 when the connection was dropped or held until cut. */
  readonly status: number;
  readonly shopId?: string;
  readonly at: number;
  /** `ignored`: a stock or price write answered as a success but not applied (`ignoreWriteRate`). */
  readonly fault?: 'error' | 'timeout' | 'drop' | 'throttle' | 'rate-limit' | 'refuse' | 'ignored';
}

export interface Sandbox<K extends MarketplaceKind = MarketplaceKind> {
  readonly kind: K;
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly port: number;
  readonly app: AppFor<K>;
  createShop(options?: { name?: string }): Promise<SandboxShop>;
  listItems(shopId: string): SandboxItem[];
  faults: { set(config: FaultConfig): void; clear(): void };
  /** Makes the shop's current access token(s) expired now (Postmart: revokes the seller grant). */
  expireAccessToken(shopId: string): void;
  /** A new single-use authorisation code for the shop (Shopee/Lazada). */
  issueAuthCode(shopId: string): string;
  /** Sends one signed push to `target`; `item.banned` also bans the item. Rejects if `target` is unreachable. */
  push(kind: PushKind, target: string, data: PushData): Promise<{ status: number }>;
  /** A hand edit in the seller centre (first SKU's price/stock, the title): bumps version and updatedAt. */
  editInSellerCentre(shopId: string, externalItemId: string, changes: SellerCentreEdit): SandboxItem;
  /** While locked, a stock write that lowers the item's stock is refused with the marketplace's campaign error. */
  lockCampaignStock(shopId: string, externalItemId: string): void;
  unlockCampaignStock(shopId: string, externalItemId: string): void;
  /** Bans the item the way the marketplace's moderation does, without sending a push. */
  banItem(shopId: string, externalItemId: string, reason: string): SandboxItem;
  /** Plays the seller in a browser: opens an authorisation (or grant/revoke) page, logs in as `shopId`, confirms. */
  consent(request: ConsentRequest): Promise<ConsentOutcome>;
  /** Registers the app's callback URL (as in the marketplace console); undefined removes it. */
  setCallbackUrl(callbackUrl: string | undefined): void;
  requestLog(): RequestLogEntry[];
  /** Forgets shops, items, tokens, faults, rate-limit buckets and the request log. */
  reset(): void;
  close(): Promise<void>;
}
