import type { BilingualText, Channel } from '@ocop-sync/domain';
import { channelLabel, PermanentError } from '../http/errors.js';

export const authorizationRejections = [
  /** The code is expired, already used or unknown (or does not belong to the shop in the callback). */
  'code-rejected',
  /** The callback lacks what the marketplace always sends (`code`, `shop_id`, `seller_id`). */
  'callback-incomplete',
  /** The seller refused on the marketplace's page (`error` in the callback). */
  'denied-by-seller',
  /** Postmart: the seller has not granted the app in the back office (or withdrew it). */
  'grant-missing',
  /** The account has no shop in the venture ocop-sync sells in (Lazada Vietnam). */
  'shop-not-in-venture',
] as const;
export type AuthorizationRejection = (typeof authorizationRejections)[number];

const advice: Record<AuthorizationRejection, BilingualText> = {
  'code-rejected': {
    vi: 'Liên kết cấp quyền đã hết hạn hoặc đã được dùng. Vui lòng kết nối gian hàng lại từ đầu.',
    en: 'The authorisation link has expired or was already used. Please connect the shop again.',
  },
  'callback-incomplete': {
    vi: 'Sàn không trả về đủ thông tin cấp quyền. Vui lòng kết nối gian hàng lại.',
    en: 'The marketplace did not return the authorisation details. Please connect the shop again.',
  },
  'denied-by-seller': {
    vi: 'Bạn đã từ chối cấp quyền cho ocop-sync.',
    en: 'You declined to authorise ocop-sync.',
  },
  'grant-missing': {
    vi: 'Gian hàng chưa cấp quyền cho ocop-sync trong trang quản trị người bán.',
    en: 'The shop has not granted ocop-sync access in the seller back office.',
  },
  'shop-not-in-venture': {
    vi: 'Tài khoản này không có gian hàng tại Việt Nam.',
    en: 'This account has no shop in Vietnam.',
  },
};

/** The marketplace (or its callback) refused to connect the shop; retrying the same callback will not help. */
export class AuthorizationRejectedError extends PermanentError {
  readonly reason: AuthorizationRejection;

  constructor(
    channel: Channel,
    reason: AuthorizationRejection,
    detail: string,
    context: { code?: string; cause?: unknown } = {},
  ) {
    super(`${channelLabel[channel]} authorisation refused (${reason}): ${detail}`, {
      channel,
      code: context.code ?? reason,
      kind: 'request-rejected',
      humanMessage: advice[reason],
      ...(context.cause === undefined ? {} : { cause: context.cause }),
    });
    this.reason = reason;
  }
}
