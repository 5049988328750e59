import type { BilingualText, Channel } from '@ocop-sync/domain';
import {
  channelLabel,
  configurationMessage,
  InvalidAccessTokenError,
  NeedsHumanError,
  PermanentError,
  type PermanentKind,
  reauthorizeMessage,
} from './errors.js';

/** Listing fields as producers know them (the names `toListingDraft` refuses with), in Vietnamese. */
const fieldLabels: Record<string, string> = {
  name: 'tên sản phẩm',
  description: 'mô tả',
  priceVnd: 'giá',
  stock: 'tồn kho',
  weightGrams: 'khối lượng',
  packageSize: 'kích thước kiện hàng',
  images: 'hình ảnh',
  sku: 'mã SKU',
  category: 'ngành hàng',
  attributes: 'thuộc tính ngành hàng',
  brand: 'thương hiệu',
  certificate: 'chứng nhận OCOP',
};

function rejectionMessage(
  channel: Channel,
  kind: PermanentKind,
  field: string | undefined,
  detail: string,
): BilingualText {
  const shop = channelLabel[channel];
  if (kind === 'item-banned') {
    return { vi: `${shop} đã khoá sản phẩm này: ${detail}`, en: `${shop} has banned this item: ${detail}` };
  }
  if (kind === 'not-found') {
    return { vi: `${shop} không còn giữ sản phẩm này.`, en: `${shop} no longer holds this item.` };
  }
  if (field === undefined) {
    return { vi: `${shop} từ chối yêu cầu: ${detail}`, en: `${shop} refused the request: ${detail}` };
  }
  const label = fieldLabels[field] ?? field;
  return { vi: `${shop} từ chối ${label}: ${detail}`, en: `${shop} refused the ${field}: ${detail}` };
}

interface Rejection {
  channel: Channel;
  code: string;
  /** The marketplace's own words, kept as-is in both languages. */
  detail: string;
  kind: PermanentKind;
  field?: string;
}

export function permanentError(rejection: Rejection): PermanentError {
  const { channel, code, detail, kind, field } = rejection;
  return new PermanentError(`${channel} refused (${code}): ${detail}`, {
    channel,
    code,
    kind,
    ...(field === undefined ? {} : { field }),
    humanMessage: rejectionMessage(channel, kind, field, detail),
  });
}

/** The marketplace's own words inside a refusal built by {@link permanentError}. */
export function refusalDetail(error: PermanentError): string {
  const prefix = `${error.channel} refused (${error.code}): `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

export function shopDisconnected(channel: Channel, code: string, detail: string): NeedsHumanError {
  return new NeedsHumanError(`${channel} shop needs re-authorisation (${code}): ${detail}`, {
    channel,
    code,
    resolution: 'reauthorize-shop',
    humanMessage: reauthorizeMessage(channel),
  });
}

export function misconfigured(channel: Channel, code: string, detail: string): NeedsHumanError {
  return new NeedsHumanError(`${channel} refused the app's credentials (${code}): ${detail}`, {
    channel,
    code,
    resolution: 'fix-configuration',
    humanMessage: configurationMessage(channel),
  });
}

export function tokenRefused(channel: Channel, code: string, detail: string): InvalidAccessTokenError {
  return new InvalidAccessTokenError(`${channel} refused the access token (${code}): ${detail}`, {
    channel,
    code,
  });
}
