import type { Sandbox } from '@ocop-sync/sandboxes';
import {
  type AuthorizedShop,
  InMemoryTokenStore,
  type MarketplaceAdapter,
  type ShopAccount,
} from '../src/index.js';
import { freshDraft } from './contract-harness.js';

/** Where ocop-sync's producer API would receive the marketplace's redirect (never called in these tests). */
export const callbackUrl = (channel: string) => `https://api.ocop.example.vn/v1/shops/callback/${channel}`;

/**
 * The marketplace's clock, which tests move forward past expiry windows. Never backwards: the adapters'
 * rate limiters share it and would wait out a jump back.
 */
export function forwardClock() {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
}

/** The callback's query, as the producer API's route would read it. */
export function callbackQuery(location: string | undefined): Record<string, string> {
  if (location === undefined) throw new Error('the consent did not redirect');
  return Object.fromEntries(new URL(location).searchParams);
}

/** The connected shop as the system would store it. */
export async function accountOf(sandbox: Sandbox, connected: AuthorizedShop): Promise<ShopAccount> {
  const account: ShopAccount = {
    channel: sandbox.kind,
    shopId: connected.shopId,
    tokens: new InMemoryTokenStore(),
  };
  await account.tokens.put(account, connected.tokens);
  return account;
}

/** A real write and read-back with the tokens from the authorisation: they are what the marketplace accepts. */
export async function listAndReadBack(adapter: MarketplaceAdapter, account: ShopAccount) {
  const draft = freshDraft(account.channel);
  const ref = await adapter.upsertListing(account, draft);
  const listing = await adapter.getListing(account, ref);
  return { draft, listing };
}
