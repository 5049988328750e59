import type { MarketplaceDefaults } from '../constants.js';
import type { AppFor, MarketplaceKind, PushData, PushKind, SandboxShop } from '../types.js';
import type { Catalogue } from './catalogue.js';
import type { SandboxRequest, SandboxResponse } from './http-types.js';
import type { AppSettings, PageHandler } from './pages.js';
import type { Prng } from './prng.js';

/** What the shared core hands every marketplace driver. */
export interface DriverDeps {
  readonly now: () => number;
  readonly catalogue: Catalogue;
  /** Seeded source for credentials, ids and tokens. */
  readonly ids: Prng;
  readonly limits: MarketplaceDefaults;
  /** The app's console settings (registered callback URL), read at request time. */
  readonly settings: AppSettings;
}

export interface Identity {
  readonly appId: string;
  readonly shopId?: string;
}

export type AuthOutcome =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly response: SandboxResponse; readonly shopId?: string };

export interface PushMessage {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Only what differs between marketplaces: signing, routes, validation, error shapes, push signing. */
export interface MarketplaceDriver<K extends MarketplaceKind> {
  readonly kind: K;
  readonly app: AppFor<K>;
  /** Whether a path belongs to the marketplace API (e.g. `/api/v2/`). */
  owns(path: string): boolean;
  /** Signature, timestamp, token and shop checks, in the marketplace's order. */
  authenticate(request: SandboxRequest): AuthOutcome;
  handle(request: SandboxRequest, identity: Identity): Promise<SandboxResponse>;
  /** Browser pages (authorisation, consent, back office), answered before the API pipeline. */
  readonly pages?: PageHandler;
  notFound(request: SandboxRequest): SandboxResponse;
  throttled(retryAfterMs: number): SandboxResponse;
  serverError(status: number): SandboxResponse;
  /** The marketplace's permanent refusal of an item it will not list (the `refuseSellerSkus` fault). */
  itemRefused(): SandboxResponse;
  /** Whether the request writes stock or prices (the writes `ignoreWriteRate` may silently drop). */
  writesStockOrPrice(request: SandboxRequest): boolean;
  createShop(name: string): SandboxShop;
  expireAccessToken(shopId: string): void;
  issueAuthCode(shopId: string): string;
  /** Builds the signed push and applies its state change (a ban). */
  buildPush(kind: PushKind, target: string, data: PushData): PushMessage;
  reset(): void;
}

export type DriverFactory<K extends MarketplaceKind> = (deps: DriverDeps) => MarketplaceDriver<K>;
