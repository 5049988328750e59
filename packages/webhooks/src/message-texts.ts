import type { BilingualText, Channel } from '@ocop-sync/domain';

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
