import type { z } from 'zod';
import * as marketplace from './marketplace-events.js';
import * as registry from './registry-events.js';
import * as stock from './stock-events.js';
import * as sync from './sync-events.js';

/** Event sources, one per kind of system that publishes to the bus. */
export const sources = {
  registry: 'ocop.registry',
  showroom: 'ocop.showroom',
  producer: 'ocop.producer',
  sync: 'ocop.sync',
  shopee: 'marketplace.shopee',
  lazada: 'marketplace.lazada',
  postmart: 'marketplace.postmart',
} as const;
export type EventSource = (typeof sources)[keyof typeof sources];

const marketplaceSources = [sources.shopee, sources.lazada, sources.postmart] as const;

interface CatalogueEntry {
  sources: readonly EventSource[];
  detail: z.ZodType;
  summary: string;
  emittedBy: string;
  consumedBy: readonly string[];
}

/** Every detail-type on the bus: who publishes it, who consumes it, and its detail schema. */
export const eventCatalogue = {
  ProductCertified: {
    sources: [sources.registry],
    detail: registry.productCertified,
    summary: 'A council certifies a product with a star rating (decision number, issue date).',
    emittedBy: 'OCOP registry / council software',
    consumedBy: ['certification'],
  },
  CertificationRenewed: {
    sources: [sources.registry],
    detail: registry.certificationRenewed,
    summary: 'Re-certification (tái công nhận): a new decision extends the certificate.',
    emittedBy: 'OCOP registry / council software',
    consumedBy: ['certification'],
  },
  StarRatingChanged: {
    sources: [sources.registry],
    detail: registry.starRatingChanged,
    summary: "A decision changes a product's star rating (e.g. 4 to 5 stars at national evaluation).",
    emittedBy: 'OCOP registry / council software',
    consumedBy: ['certification'],
  },
  CertificationRevoked: {
    sources: [sources.registry],
    detail: registry.certificationRevoked,
    summary: 'A certificate is revoked: the product loses the OCOP label and is delisted everywhere.',
    emittedBy: 'OCOP registry / council software',
    consumedBy: ['certification'],
  },
  ProductDetailsUpdated: {
    sources: [sources.registry],
    detail: registry.productDetailsUpdated,
    summary: "A product's details change (name, price, images, season...): full replacement by version.",
    emittedBy: 'OCOP registry / producer portal',
    consumedBy: ['certification'],
  },
  ProducerChannelsLinked: {
    sources: [sources.registry],
    detail: registry.producerChannelsLinked,
    summary: 'A producer links or unlinks marketplace shops.',
    emittedBy: 'shop-connection flow / operator',
    consumedBy: ['certification'],
  },
  StockReceived: {
    sources: [sources.showroom, sources.producer],
    detail: stock.stockReceived,
    summary: 'A showroom or warehouse receives units of a product.',
    emittedBy: 'showroom POS / producer',
    consumedBy: ['stock-ledger'],
  },
  StockSold: {
    sources: [sources.showroom],
    detail: stock.stockSold,
    summary: 'A showroom sells units over the counter.',
    emittedBy: 'showroom POS',
    consumedBy: ['stock-ledger'],
  },
  StockCounted: {
    sources: [sources.showroom, sources.producer],
    detail: stock.stockCounted,
    summary: 'A stocktake sets the level at a location absolutely.',
    emittedBy: 'showroom POS / producer',
    consumedBy: ['stock-ledger'],
  },
  StockTransferred: {
    sources: [sources.showroom, sources.producer],
    detail: stock.stockTransferred,
    summary: 'Units move between showrooms or from a warehouse to a showroom, atomically.',
    emittedBy: 'showroom POS / producer',
    consumedBy: ['stock-ledger'],
  },
  WarehouseStockSet: {
    sources: [sources.producer],
    detail: stock.warehouseStockSet,
    summary: "A producer reports its warehouse's stock (absolute).",
    emittedBy: 'producer',
    consumedBy: ['stock-ledger'],
  },
  MarketplaceOrderPlaced: {
    sources: marketplaceSources,
    detail: marketplace.marketplaceOrderPlaced,
    summary: 'A marketplace order reserves stock (after its push was verified).',
    emittedBy: 'marketplace-webhook',
    consumedBy: ['stock-ledger', 'producer-notifier'],
  },
  MarketplaceOrderCancelled: {
    sources: marketplaceSources,
    detail: marketplace.marketplaceOrderCancelled,
    summary: 'A marketplace order is cancelled: its reservation is released.',
    emittedBy: 'marketplace-webhook',
    consumedBy: ['stock-ledger'],
  },
  MarketplaceItemBanned: {
    sources: marketplaceSources,
    detail: marketplace.marketplaceItemBanned,
    summary: 'A marketplace bans a listing; the ledger adopts the ban and the producer is told.',
    emittedBy: 'marketplace-webhook',
    consumedBy: ['certification', 'producer-notifier'],
  },
  ListingRequested: {
    sources: [sources.sync],
    detail: sync.listingRequested,
    summary: 'The channel plan: list, update, pause or delist a product on one channel.',
    emittedBy: 'certification',
    consumedBy: ['listing-sync'],
  },
  ListingSynced: {
    sources: [sources.sync],
    detail: sync.listingSynced,
    summary: 'A marketplace accepted a listing change.',
    emittedBy: 'listing-sync',
    consumedBy: ['producer-notifier'],
  },
  ListingFailed: {
    sources: [sources.sync],
    detail: sync.listingFailed,
    summary: 'A marketplace refused a listing (field and reason), or the shop must be reconnected.',
    emittedBy: 'listing-sync',
    consumedBy: ['producer-notifier'],
  },
  ListingDriftDetected: {
    sources: [sources.sync],
    detail: sync.listingDriftDetected,
    summary:
      'A read-back found a listing that differs from the ledger (class, fields) and what was done about it.',
    emittedBy: 'reconciliation',
    consumedBy: ['producer-notifier'],
  },
  StockLevelChanged: {
    sources: [sources.sync],
    detail: sync.stockLevelChanged,
    summary: 'A movement changed the stock at a location.',
    emittedBy: 'stock-ledger',
    consumedBy: ['stock-sync'],
  },
  StockLow: {
    sources: [sources.sync],
    detail: sync.stockLow,
    summary: "Available stock fell below the producer's threshold (once per crossing).",
    emittedBy: 'stock-ledger',
    consumedBy: ['producer-notifier'],
  },
  StockMovementRejected: {
    sources: [sources.sync],
    detail: sync.stockMovementRejected,
    summary: 'A sale or reservation exceeded the recorded stock and was not applied (oversell notice).',
    emittedBy: 'stock-ledger',
    consumedBy: ['producer-notifier'],
  },
  CertificationExpiring: {
    sources: [sources.sync],
    detail: sync.certificationExpiring,
    summary: 'A certificate expires within 60 or 30 days.',
    emittedBy: 'certification-sweep',
    consumedBy: ['producer-notifier'],
  },
  CertificationExpired: {
    sources: [sources.sync],
    detail: sync.certificationExpired,
    summary: 'A certificate expired: the product is delisted until re-certified.',
    emittedBy: 'certification-sweep',
    consumedBy: ['certification', 'producer-notifier'],
  },
  ProducerNotified: {
    sources: [sources.sync],
    detail: sync.producerNotified,
    summary: 'A webhook message reached (or finally failed to reach) a producer endpoint.',
    emittedBy: 'producer-notifier',
    consumedBy: [],
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DetailType = keyof typeof eventCatalogue;
export const detailTypes = Object.keys(eventCatalogue) as DetailType[];

/** The parsed (output) detail of a detail-type, e.g. `EventDetail<'StockSold'>`. */
export type EventDetail<T extends DetailType> = z.output<(typeof eventCatalogue)[T]['detail']>;
/** The detail as a publisher writes it (before defaults and NFC normalisation). */
export type EventDetailInput<T extends DetailType> = z.input<(typeof eventCatalogue)[T]['detail']>;
