import type { BilingualText, Channel, DriftClass, driftActions } from '@ocop-sync/domain';

type DriftAction = (typeof driftActions)[number];

/**
 * The bilingual one-line summaries carried in every payload's `data.message`. Vietnamese is written
 * as a producer would say it; dates are dd/mm/yyyy in Vietnamese and ISO in English.
 */
const MAX_TEXT = 2000;
const channelNames: Record<Channel, string> = { postmart: 'Postmart', shopee: 'Shopee', lazada: 'Lazada' };

const clip = (value: string) => (value.length <= MAX_TEXT ? value : `${value.slice(0, MAX_TEXT - 1)}…`);
const both = (vi: string, en: string): BilingualText => ({ vi: clip(vi), en: clip(en) });
const viDate = (isoDate: string) => isoDate.split('-').reverse().join('/');
const viVnd = new Intl.NumberFormat('vi-VN');
const enVnd = new Intl.NumberFormat('en-US');

export const listingTexts = {
  live: (name: string, channel: Channel) =>
    both(
      `Sản phẩm "${name}" đã được đăng bán trên ${channelNames[channel]}.`,
      `"${name}" is now live on ${channelNames[channel]}.`,
    ),
  paused: (name: string, channel: Channel) =>
    both(
      `Sản phẩm "${name}" đã tạm ngừng bán trên ${channelNames[channel]}.`,
      `"${name}" is paused on ${channelNames[channel]}.`,
    ),
  delisted: (name: string, channel: Channel) =>
    both(
      `Sản phẩm "${name}" đã được gỡ khỏi ${channelNames[channel]}.`,
      `"${name}" was removed from ${channelNames[channel]}.`,
    ),
  failed: (name: string, channel: Channel, reason: BilingualText) =>
    both(
      `Không đăng được "${name}" lên ${channelNames[channel]}: ${reason.vi}`,
      `Could not list "${name}" on ${channelNames[channel]}: ${reason.en}`,
    ),
  banned: (item: string, channel: Channel, marketplaceReason: string) =>
    both(
      `${channelNames[channel]} đã khóa sản phẩm ${item}. Lý do từ sàn: ${marketplaceReason}`,
      `${channelNames[channel]} banned item ${item}. The marketplace's reason: ${marketplaceReason}`,
    ),
};

const driftCauses: Record<DriftClass, BilingualText> = {
  'not-applied': {
    vi: 'sàn báo đã nhận cập nhật nhưng không áp dụng',
    en: 'the marketplace acknowledged an update but did not apply it',
  },
  'changed-by-hand': {
    vi: 'có người sửa tay trên kênh người bán',
    en: 'someone edited it by hand in the seller centre',
  },
  'price-mismatch': {
    vi: 'giá trên sàn khác giá đã đăng',
    en: 'the price on the marketplace differs from the listed price',
  },
  missing: { vi: 'sàn không còn sản phẩm này', en: 'the marketplace no longer holds the item' },
  banned: { vi: 'sàn đã khóa sản phẩm', en: 'the marketplace banned the item' },
  'campaign-locked': {
    vi: 'sàn không cho giảm tồn kho khi sản phẩm đang trong chương trình khuyến mãi',
    en: 'the marketplace will not lower the stock while the item is in a campaign',
  },
};

const driftActionTexts: Record<DriftAction, BilingualText> = {
  're-pushed': {
    vi: 'ocop-sync đã cập nhật lại theo dữ liệu của mình.',
    en: 'ocop-sync pushed its values again.',
  },
  relisted: { vi: 'ocop-sync đã đăng lại sản phẩm.', en: 'ocop-sync listed the item again.' },
  'ban-adopted': {
    vi: 'Sản phẩm được đánh dấu bị khóa; vui lòng xem lý do trên sàn.',
    en: 'The listing is marked banned; please check the reason on the marketplace.',
  },
  waiting: { vi: 'ocop-sync sẽ thử lại sau.', en: 'ocop-sync will try again later.' },
  'needs-human': { vi: 'Cần chủ thể hoặc bộ phận vận hành xử lý.', en: 'A person needs to act.' },
};

/** A listing's drift: what differs (cause) and what was done. */
export const driftText = (name: string, channel: Channel, driftClass: DriftClass, action: DriftAction) =>
  both(
    `"${name}" trên ${channelNames[channel]} không khớp với dữ liệu của ocop-sync: ${driftCauses[driftClass].vi}. ${driftActionTexts[action].vi}`,
    `"${name}" on ${channelNames[channel]} differs from ocop-sync's records: ${driftCauses[driftClass].en}. ${driftActionTexts[action].en}`,
  );

export const stockLowText = (name: string, available: number, threshold: number) =>
  both(
    `"${name}" sắp hết hàng: còn ${available} (ngưỡng báo ${threshold}).`,
    `"${name}" is running low: ${available} left (alert threshold ${threshold}).`,
  );

export const orderReceivedText = (
  orderId: string,
  channel: Channel,
  units: number,
  totalVnd: number | undefined,
) =>
  both(
    `Đơn hàng mới ${orderId} trên ${channelNames[channel]}: ${units} sản phẩm` +
      (totalVnd === undefined ? '.' : `, tổng ${viVnd.format(totalVnd)} ₫.`),
    `New order ${orderId} on ${channelNames[channel]}: ${units} unit(s)` +
      (totalVnd === undefined ? '.' : `, total VND ${enVnd.format(totalVnd)}.`),
  );

export const certificateTexts = {
  expiring: (name: string, decision: string, expiresOn: string, days: number) =>
    both(
      `Giấy chứng nhận OCOP ${decision} của "${name}" hết hạn ngày ${viDate(expiresOn)} (còn ${days} ngày). ` +
        'Hãy nộp hồ sơ đánh giá lại (tái công nhận) để giữ nhãn OCOP.',
      `The OCOP certificate ${decision} of "${name}" expires on ${expiresOn} (in ${days} days). ` +
        'Apply for re-certification to keep the OCOP label.',
    ),
  expired: (name: string, decision: string, expiredOn: string) =>
    both(
      `Giấy chứng nhận OCOP ${decision} của "${name}" đã hết hạn ngày ${viDate(expiredOn)}; ` +
        'sản phẩm tạm gỡ khỏi các sàn cho đến khi được tái công nhận.',
      `The OCOP certificate ${decision} of "${name}" expired on ${expiredOn}; ` +
        'the product is off the marketplaces until it is re-certified.',
    ),
};

export const endpointDisabledText = (endpointId: string, failures: number, since: string) =>
  both(
    `Địa chỉ nhận webhook ${endpointId} đã bị tạm dừng sau ${failures} lần gửi thất bại liên tiếp (từ ${since}). ` +
      'Hãy kiểm tra máy chủ nhận rồi bật lại; các thông báo bị lỡ sẽ được gửi lại.',
    `Webhook endpoint ${endpointId} was disabled after ${failures} consecutive failed deliveries (since ${since}). ` +
      'Fix the receiver and re-enable it; missed messages will be sent again.',
  );
