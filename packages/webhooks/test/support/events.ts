import { toWebhookMessage } from '../../src/message-mapping.js';
import type { WebhookMessage } from '../../src/types.js';

/** Realistic catalogue events (Thanh Hóa producers), keyed by the webhook type they notify. */
export const sampleEvents = {
  'listing.live': {
    detailType: 'ListingSynced',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e01',
    productName: 'Chè lam Phủ Quảng',
    detail: {
      productId: 'TH-BK-0012',
      producerId: 'HTX-CHELAM-PHUQUANG',
      channel: 'postmart',
      productVersion: 4,
      externalItemId: 'PM-P-88001',
      status: 'live',
      syncedAt: '2025-03-10T09:15:00+07:00',
    },
  },
  'listing.paused': {
    detailType: 'ListingSynced',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e02',
    productName: 'Mật ong bạc hà Mèo Vạc',
    detail: {
      productId: 'HG-MO-0003',
      producerId: 'HTX-ONG-MEOVAC',
      channel: 'shopee',
      productVersion: 7,
      externalItemId: '2288001234',
      status: 'paused',
      syncedAt: '2025-06-01T08:00:00+07:00',
    },
  },
  'listing.delisted': {
    detailType: 'ListingSynced',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e03',
    productName: 'Nem chua Thanh Hóa',
    detail: {
      productId: 'TH-NC-0101',
      producerId: 'CT-NEMCHUA-THANHHOA',
      channel: 'lazada',
      productVersion: 9,
      externalItemId: 'LZ-2147483001',
      status: 'delisted',
      syncedAt: '2025-04-02T00:05:00+07:00',
    },
  },
  'listing.failed': {
    detailType: 'ListingFailed',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e04',
    productName: 'Chè lam Phủ Quảng',
    detail: {
      productId: 'TH-BK-0012',
      producerId: 'HTX-CHELAM-PHUQUANG',
      channel: 'shopee',
      productVersion: 4,
      failure: {
        kind: 'permanent',
        code: 'error_title_exceeds_max_length',
        field: 'item_name',
        message: {
          vi: 'Tên sản phẩm dài quá 100 ký tự; hãy rút gọn tên.',
          en: 'The product name is longer than 100 characters; shorten it.',
        },
      },
      failedAt: '2025-03-10T09:16:30+07:00',
    },
  },
  'listing.banned': {
    detailType: 'MarketplaceItemBanned',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e05',
    producerId: 'HTX-RUOU-LANGVAN',
    detail: {
      channel: 'shopee',
      shopId: '901234567',
      externalItemId: '2288009876',
      sellerSku: 'OCOP-BN-RUOU-01',
      reason: 'Sản phẩm đồ uống có cồn cần giấy phép kinh doanh rượu.',
      bannedAt: '2025-05-20T14:30:00+07:00',
    },
  },
  'listing.drift': {
    detailType: 'ListingDriftDetected',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e10',
    productName: 'Mật ong Bá Thước',
    detail: {
      productId: 'TH-MO-0117',
      producerId: 'HTX-MATONG-BATHUOC',
      channel: 'shopee',
      sellerSku: 'MO-BATHUOC-500',
      externalItemId: '2288001234',
      driftClass: 'changed-by-hand',
      differences: [{ field: 'stock', expected: 12, actual: 40 }],
      action: 're-pushed',
      attempts: 1,
      runId: 'rcn-shopee-1748484000000-5f3a9c1d',
      detectedAt: '2025-05-29T09:00:04+07:00',
    },
  },
  'stock.low': {
    detailType: 'StockLow',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e06',
    productName: 'Mắm tép Hà Yên',
    detail: {
      productId: 'TH-MT-0007',
      producerId: 'HTX-MAMTEP-HAYEN',
      movementId: 'mv-2025-03-10-000183',
      available: 4,
      threshold: 10,
      occurredAt: '2025-03-10T16:42:00+07:00',
    },
  },
  'order.received': {
    detailType: 'MarketplaceOrderPlaced',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e07',
    producerId: 'HTX-CHELAM-PHUQUANG',
    detail: {
      channel: 'postmart',
      shopId: 'PM-SELLER-3801',
      orderId: 'PM-ORD-250310-00042',
      placedAt: '2025-03-10T20:11:00+07:00',
      lines: [
        { sellerSku: 'OCOP-TH-0012-500G', quantity: 3, unitPriceVnd: 85_000 },
        { sellerSku: 'OCOP-TH-0015-HOP', quantity: 1, unitPriceVnd: 150_000 },
      ],
    },
  },
  'certificate.expiring': {
    detailType: 'CertificationExpiring',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e08',
    productName: 'Bánh gai Tứ Trụ',
    detail: {
      productId: 'TH-BG-0021',
      producerId: 'CSSX-BANHGAI-TUTRU',
      decisionNumber: '1234/QĐ-UBND',
      expiresOn: '2025-04-15',
      noticeDays: 30,
    },
  },
  'certificate.expired': {
    detailType: 'CertificationExpired',
    eventId: '6f1d7c2e-0b7a-4d47-9f1e-5b1c2a3d4e09',
    productName: 'Bánh gai Tứ Trụ',
    detail: {
      productId: 'TH-BG-0021',
      producerId: 'CSSX-BANHGAI-TUTRU',
      decisionNumber: '1234/QĐ-UBND',
      expiredOn: '2025-04-15',
    },
  },
} as const;

let stockLowCount = 0;
/** A distinct stock.low message per call (its own movement and event id), for the producer. */
export function stockLow(producerId: string): WebhookMessage {
  stockLowCount += 1;
  const event = sampleEvents['stock.low'];
  const mapped = toWebhookMessage(
    event.detailType,
    { ...event.detail, producerId, movementId: `mv-${stockLowCount}` },
    `ev-${stockLowCount}`,
  );
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.message;
}
