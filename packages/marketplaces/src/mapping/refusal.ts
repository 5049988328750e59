import type { BilingualText, Channel } from '@ocop-sync/domain';
import { channelLabel } from '../http/errors.js';

/** A field a marketplace would reject, and why, in the producer's language and in English. */
export interface Refusal {
  ok: false;
  field: string;
  reason: BilingualText;
}

export const refuse = (field: string, vi: string, en: string): Refusal => ({
  ok: false,
  field,
  reason: { vi, en },
});

const vnd = (value: number) => `${value.toLocaleString('vi-VN')} đ`;

export const refusals = {
  unshippable: (channel: Channel) =>
    refuse(
      'group',
      `Dịch vụ du lịch cộng đồng không phải hàng hoá gửi bưu kiện nên không đăng bán trên ${channelLabel[channel]}.`,
      `A community-tourism service is not a parcel, so it is not listed on ${channelLabel[channel]}.`,
    ),
  noCategory: (channel: Channel, group: string) =>
    refuse(
      'group',
      `Chưa có ngành hàng ${channelLabel[channel]} cho nhóm sản phẩm "${group}".`,
      `No ${channelLabel[channel]} category is mapped for the product group "${group}".`,
    ),
  titleTooShort: (channel: Channel, min: number) =>
    refuse(
      'name',
      `Tên sản phẩm quá ngắn: ${channelLabel[channel]} cần ít nhất ${min} ký tự.`,
      `The product name is too short: ${channelLabel[channel]} needs at least ${min} characters.`,
    ),
  descriptionTooLong: (channel: Channel, max: number) =>
    refuse(
      'description',
      `Phần mô tả OCOP vượt quá ${max} ký tự mà ${channelLabel[channel]} cho phép.`,
      `The OCOP description block exceeds the ${max} characters ${channelLabel[channel]} allows.`,
    ),
  price: (channel: Channel, min: number, max: number) =>
    refuse(
      'priceVnd',
      `Giá phải là số nguyên đồng từ ${vnd(min)} đến ${vnd(max)} trên ${channelLabel[channel]}.`,
      `The price must be whole đồng between ${vnd(min)} and ${vnd(max)} on ${channelLabel[channel]}.`,
    ),
  weightMissing: () =>
    refuse(
      'weightGrams',
      'Thiếu khối lượng đóng gói; sàn cần khối lượng để tính phí vận chuyển.',
      'The shipping weight is missing; the marketplace needs it to price delivery.',
    ),
  weightTooHeavy: (channel: Channel, maxGrams: number) =>
    refuse(
      'weightGrams',
      `Khối lượng vượt quá ${maxGrams / 1000} kg mà ${channelLabel[channel]} cho phép.`,
      `The weight exceeds the ${maxGrams / 1000} kg ${channelLabel[channel]} allows.`,
    ),
  packageMissing: (channel: Channel) =>
    refuse(
      'packageSize',
      `Thiếu kích thước kiện hàng (dài, rộng, cao) mà ${channelLabel[channel]} yêu cầu.`,
      `The package size (length, width, height) ${channelLabel[channel]} requires is missing.`,
    ),
  packageTooLarge: (channel: Channel, maxSumCm: number) =>
    refuse(
      'packageSize',
      `Tổng dài + rộng + cao vượt quá ${maxSumCm} cm mà ${channelLabel[channel]} cho phép.`,
      `Length + width + height exceeds the ${maxSumCm} cm ${channelLabel[channel]} allows.`,
    ),
  imagesMissing: (channel: Channel, min: number) =>
    refuse(
      'images',
      `Cần ít nhất ${min} ảnh sản phẩm để đăng trên ${channelLabel[channel]}.`,
      `At least ${min} product image(s) are needed to list on ${channelLabel[channel]}.`,
    ),
  sku: (channel: Channel) =>
    refuse(
      'sku',
      `Mã SKU không hợp lệ với ${channelLabel[channel]} (chữ không dấu, số, ".", "_", "-", độ dài cho phép).`,
      `The SKU is not valid on ${channelLabel[channel]} (ASCII letters, digits, ".", "_", "-", within the length allowed).`,
    ),
  stock: (channel: Channel, max: number) =>
    refuse(
      'stock',
      `Tồn kho phải là số nguyên từ 0 đến ${max.toLocaleString('vi-VN')} trên ${channelLabel[channel]}.`,
      `Stock must be a whole number from 0 to ${max.toLocaleString('en-US')} on ${channelLabel[channel]}.`,
    ),
  expired: (expiresOn: string) =>
    refuse(
      'certificate.expiresOn',
      `Giấy chứng nhận OCOP đã hết hiệu lực từ ${expiresOn}; cần tái công nhận trước khi đăng bán.`,
      `The OCOP certificate expired on ${expiresOn}; it must be renewed before listing.`,
    ),
};
