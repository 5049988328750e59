import type { BilingualText, Channel } from '@ocop-sync/domain';
import type { ListingRef } from '../types.js';

interface MarketplaceErrorContext {
  channel: Channel;
  /** The marketplace's own error code (`error_param`, `IllegalAccessToken`, `RATE_LIMITED`) or ours. */
  code: string;
  cause?: unknown;
}

/** Base of every error an adapter throws; `name` is the subclass name and `cause` is forwarded. */
export class MarketplaceError extends Error {
  readonly channel: Channel;
  readonly code: string;

  constructor(message: string, context: MarketplaceErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.channel = context.channel;
    this.code = context.code;
  }
}

/** Throttled, 5xx, timeout or connection reset after the adapter's own retry budget was spent: try later. */
export class RetryableError extends MarketplaceError {
  /** How long the marketplace asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(
    message: string,
    context: MarketplaceErrorContext & { retryAfterMs?: number; attempts: number },
  ) {
    super(message, context);
    this.retryAfterMs = context.retryAfterMs;
    this.attempts = context.attempts;
  }
}

export const permanentKinds = [
  'field-rejected',
  'item-banned',
  'category-invalid',
  'not-found',
  'conflict',
  'request-rejected',
] as const;
export type PermanentKind = (typeof permanentKinds)[number];

/** The marketplace refused the request for a reason that retrying will not change. Never retried. */
export class PermanentError extends MarketplaceError {
  readonly kind: PermanentKind;
  /** The listing field at fault (`title`, `priceVnd`, `images`, …) when the marketplace says which. */
  readonly field: string | undefined;
  /** Shown to the producer. */
  readonly humanMessage: BilingualText;

  constructor(
    message: string,
    context: MarketplaceErrorContext & { kind: PermanentKind; field?: string; humanMessage: BilingualText },
  ) {
    super(message, context);
    this.kind = context.kind;
    this.field = context.field;
    this.humanMessage = context.humanMessage;
  }
}

/**
 * Who must act: the producer re-authorises the shop, an operator fixes the app's credentials, or the producer
 * takes the item out of a marketplace campaign (or waits for it to end).
 */
export type Resolution = 'reauthorize-shop' | 'fix-configuration' | 'leave-campaign';

/** Nothing will work until a person acts (shop disconnected, refresh token expired, app key refused). */
export class NeedsHumanError extends MarketplaceError {
  readonly resolution: Resolution;
  readonly humanMessage: BilingualText;

  constructor(
    message: string,
    context: MarketplaceErrorContext & { resolution: Resolution; humanMessage: BilingualText },
  ) {
    super(message, context);
    this.resolution = context.resolution;
    this.humanMessage = context.humanMessage;
  }
}

/**
 * The marketplace refused to lower a listing's stock because a promotion/campaign holds it. Retrying will not
 * help until the campaign ends or the producer takes the item out of it: record it once, do not loop.
 */
export class StockLockedByCampaignError extends NeedsHumanError {
  readonly ref: ListingRef;
  /** The marketplace's own words for the refusal. */
  readonly marketplaceMessage: string;

  constructor(context: { ref: ListingRef; code: string; marketplaceMessage: string; cause?: unknown }) {
    const { ref, code, marketplaceMessage } = context;
    super(
      `${ref.channel} refused to lower stock of ${ref.sellerSku} during a campaign (${code}): ${marketplaceMessage}`,
      {
        channel: ref.channel,
        code,
        ...(context.cause === undefined ? {} : { cause: context.cause }),
        resolution: 'leave-campaign',
        humanMessage: campaignLockMessage(ref.channel, marketplaceMessage),
      },
    );
    this.ref = ref;
    this.marketplaceMessage = marketplaceMessage;
  }
}

/**
 * Internal signal from a marketplace's response interpreter: the access token was refused. The token
 * keeper refreshes once and repeats the call; a second refusal becomes a {@link NeedsHumanError}.
 */
export class InvalidAccessTokenError extends MarketplaceError {}

export const reauthorizeMessage = (channel: Channel): BilingualText => ({
  vi: `Kết nối gian hàng ${channelLabel[channel]} đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập và cấp quyền lại cho ocop-sync.`,
  en: `The ${channelLabel[channel]} shop connection has expired or was revoked. Please sign in and authorise ocop-sync again.`,
});

export const campaignLockMessage = (channel: Channel, detail: string): BilingualText => ({
  vi: `${channelLabel[channel]} không cho giảm tồn kho khi sản phẩm đang trong chương trình khuyến mãi: ${detail}. Hãy rút sản phẩm khỏi chương trình hoặc chờ chương trình kết thúc.`,
  en: `${channelLabel[channel]} will not lower the stock while the item is in a campaign: ${detail}. Take the item out of the campaign or wait until it ends.`,
});

export const configurationMessage = (channel: Channel): BilingualText => ({
  vi: `ocop-sync chưa kết nối được với ${channelLabel[channel]} do lỗi cấu hình; bộ phận vận hành đã được báo.`,
  en: `ocop-sync cannot reach ${channelLabel[channel]} because of a configuration problem; operators have been told.`,
});

export const channelLabel: Record<Channel, string> = {
  shopee: 'Shopee',
  lazada: 'Lazada',
  postmart: 'Postmart',
};
