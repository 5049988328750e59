import { getChannelState, getPlanningState } from './channel-state.js';
import { DEFAULT_LOOKUP_CACHE_TTL_MS, DEFAULT_PRODUCER_CACHE_TTL_MS, DEFAULT_RETRY } from './constants.js';
import type { LedgerContext } from './context.js';
import { releaseCreationLease, takeCreationLease } from './creation-lease.js';
import type { Ledger, ListingLedger, ProducerLedger, ProductLedger, StockLedger } from './ledger-api.js';
import { changeListing, getListing, listListings, listListingsByProducer, recordBan } from './listings.js';
import { createLookups, type Lookups } from './lookups.js';
import { applyMovement, type SettingsOf } from './movements.js';
import { releaseOrder } from './order-release.js';
import { reserveOrder } from './order-reservation.js';
import {
  getChannelAccount,
  getProducer,
  linkChannels,
  listChannelAccounts,
  setFulfilment,
} from './producers.js';
import { getProduct, listByArea, listByProducer, productsExpiringBefore } from './product-queries.js';
import type { ProductEvent } from './product-rules.js';
import { changeProduct } from './products.js';
import { reconciliationApi } from './reconciliation-api.js';
import {
  availableOn,
  createSettingsCache,
  getStock,
  movementLog,
  type SettingsCache,
} from './stock-queries.js';
import { createStore } from './store.js';
import type { LedgerOptions } from './types.js';
import { inputs, validDetail, validInput } from './validation.js';

/**
 * Creates the ledger over an injected DynamoDB client and table (see `ledgerTable` for the key schema).
 *
 * @example
 * const ledger = createLedger({ client: new DynamoDBClient({}), tableName: config.ledgerTable });
 * const result = await ledger.applyMovement({ detailType: 'StockSold', detail });
 * if (result.outcome === 'rejected') await publish('StockMovementRejected', toNotice(result));
 */
export function createLedger(options: LedgerOptions): Ledger {
  const context: LedgerContext = {
    store: createStore(options.client, options.tableName),
    now: options.clock ?? (() => new Date()),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    onConflictRetry: options.onConflictRetry,
  };
  const lookups = createLookups(context, options.lookupCacheTtlMs ?? DEFAULT_LOOKUP_CACHE_TTL_MS);
  const settings = createSettingsCache(context, options.producerCacheTtlMs ?? DEFAULT_PRODUCER_CACHE_TTL_MS);
  return {
    ...productApi(context),
    ...producerApi(context),
    ...stockApi(context, lookups, settings.of),
    ...listingApi(context, lookups, settings),
    ...reconciliationApi(context),
  };
}

type ProductReads = Pick<
  ProductLedger,
  'getProduct' | 'listByProducer' | 'listByArea' | 'productsExpiringBefore'
>;

function productApi(context: LedgerContext): ProductLedger {
  const change = (productId: string, eventId: string | undefined, event: ProductEvent) =>
    changeProduct(context, productId, eventId, event);
  return {
    ...productReadApi(context),
    recordCertification: async (input) => {
      const detail = validDetail('ProductCertified', input);
      return change(detail.product.productId, detail.eventId, { type: 'ProductCertified', detail });
    },
    recordRenewal: async (input) => {
      const detail = validDetail('CertificationRenewed', input);
      return change(detail.productId, detail.eventId, { type: 'CertificationRenewed', detail });
    },
    recordStarRating: async (input) => {
      const detail = validDetail('StarRatingChanged', input);
      return change(detail.productId, detail.eventId, { type: 'StarRatingChanged', detail });
    },
    recordRevocation: async (input) => {
      const detail = validDetail('CertificationRevoked', input);
      return change(detail.productId, detail.eventId, { type: 'CertificationRevoked', detail });
    },
    recordDetails: async (input) => {
      const detail = validDetail('ProductDetailsUpdated', input);
      return change(detail.product.productId, detail.eventId, { type: 'ProductDetailsUpdated', detail });
    },
    markExpiring: async (input) => {
      const detail = validInput(inputs.expiryNotice, input, 'notice');
      return change(detail.productId, undefined, { type: 'ExpiryNotice', detail });
    },
    markExpired: async (input) => {
      const detail = validDetail('CertificationExpired', input);
      return change(detail.productId, undefined, { type: 'CertificationExpired', detail });
    },
  };
}

function productReadApi(context: LedgerContext): ProductReads {
  const id = (value: string, path: string) => validInput(inputs.id, value, path);
  return {
    getProduct: async (productId) => getProduct(context, id(productId, 'productId')),
    listByProducer: async (producerId) => listByProducer(context, id(producerId, 'producerId')),
    listByArea: async (area) => listByArea(context, validInput(inputs.area, area, 'area')),
    productsExpiringBefore: async (date) =>
      productsExpiringBefore(context, validInput(inputs.date, date, 'date')),
  };
}

function producerApi(context: LedgerContext): ProducerLedger {
  const id = (value: string) => validInput(inputs.id, value, 'producerId');
  return {
    linkChannels: async (input) => linkChannels(context, validDetail('ProducerChannelsLinked', input)),
    setFulfilment: async (input) =>
      setFulfilment(context, validInput(inputs.fulfilment, input, 'fulfilment')),
    getProducer: async (producerId) => getProducer(context, id(producerId)),
    listChannelAccounts: async (producerId) => listChannelAccounts(context, id(producerId)),
    getChannelAccount: async (producerId, channel) =>
      getChannelAccount(context, id(producerId), validInput(inputs.channel, channel, 'channel')),
  };
}

function stockApi(context: LedgerContext, lookups: Lookups, settingsOf: SettingsOf): StockLedger {
  const id = (value: string) => validInput(inputs.id, value, 'productId');
  const apply: StockLedger['applyMovement'] = async (event) => {
    const detail = validDetail(event.detailType, event.detail);
    return applyMovement(context, settingsOf, { detailType: event.detailType, detail } as typeof event);
  };
  return {
    applyMovement: apply,
    transfer: async (detail) => apply({ detailType: 'StockTransferred', detail }),
    reserveOrder: async (input) =>
      reserveOrder(context, lookups, settingsOf, validDetail('MarketplaceOrderPlaced', input)),
    releaseOrder: async (input) =>
      releaseOrder(context, lookups, settingsOf, validDetail('MarketplaceOrderCancelled', input)),
    getStock: async (productId) => getStock(context, id(productId)),
    availableToSell: async (productId, channel) =>
      availableOn(context, settingsOf, id(productId), validInput(inputs.channel, channel, 'channel')),
    movementLog: async (productId) => movementLog(context, id(productId)),
  };
}

function listingApi(context: LedgerContext, lookups: Lookups, settings: SettingsCache): ListingLedger {
  const id = (value: string, path: string) => validInput(inputs.id, value, path);
  const channel = (value: string) => validInput(inputs.channel, value, 'channel');
  return {
    setDesiredListing: async (raw, options = {}) => {
      const input = validInput(inputs.desiredListing, raw, 'listing');
      const { basedOn } = validInput(inputs.listingWrite, options, 'options');
      return changeListing(context, input.productId, input.channel, { type: 'desired', input }, basedOn);
    },
    recordListingSynced: async (raw, options = {}) => {
      const detail = validDetail('ListingSynced', raw);
      const { stockVersion, quantity, basedOn } = validInput(inputs.syncedOptions, options, 'options');
      return changeListing(
        context,
        detail.productId,
        detail.channel,
        { type: 'synced', detail, stockVersion, quantity },
        basedOn,
      );
    },
    recordListingFailed: async (raw, options = {}) => {
      const detail = validDetail('ListingFailed', raw);
      const { basedOn } = validInput(inputs.listingWrite, options, 'options');
      return changeListing(context, detail.productId, detail.channel, { type: 'failed', detail }, basedOn);
    },
    recordListingBanned: async (raw) =>
      recordBan(context, lookups, validDetail('MarketplaceItemBanned', raw)),
    getListing: async (productId, ch) => getListing(context, id(productId, 'productId'), channel(ch)),
    getChannelState: async (productId, ch, producerId) =>
      getChannelState(context, settings, {
        productId: id(productId, 'productId'),
        channel: channel(ch),
        producerId: producerId === undefined ? undefined : id(producerId, 'producerId'),
      }),
    getPlanningState: async (productId, producerId) =>
      getPlanningState(context, id(productId, 'productId'), id(producerId, 'producerId')),
    listListings: async (productId) => listListings(context, id(productId, 'productId')),
    listListingsByProducer: async (producerId) =>
      listListingsByProducer(context, id(producerId, 'producerId')),
    takeCreationLease: async (input) =>
      takeCreationLease(context, {
        ...input,
        productId: id(input.productId, 'productId'),
        channel: channel(input.channel),
      }),
    releaseCreationLease: async (input) =>
      releaseCreationLease(context, {
        ...input,
        productId: id(input.productId, 'productId'),
        channel: channel(input.channel),
      }),
  };
}
