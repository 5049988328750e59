import type { CertificateStatus, ListingStatus, Product, StockLevels } from '@ocop-sync/ledger';
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { bilingual, channelName, listOf, producerParams, toList } from './schemas.js';

const certificateStatus = z.enum(['active', 'expiring', 'expired', 'revoked'] satisfies CertificateStatus[]);
const listingStatus = z.enum([
  'pending',
  'live',
  'paused',
  'failed',
  'delisted',
  'banned',
] satisfies ListingStatus[]);

const productSummary = z
  .object({
    productId: z.string(),
    name: z.string(),
    group: z.string(),
    stars: z.number().int(),
    certificateStatus,
    priceVnd: z.number().int(),
    province: z.string(),
    district: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProductSummary' });

const certificateView = z
  .object({
    productId: z.string(),
    productName: z.string(),
    decisionNumber: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string(),
    stars: z.number().int(),
    fiveStarCandidate: z.boolean(),
    status: certificateStatus,
    revocation: z
      .object({ decisionNumber: z.string(), revokedOn: z.string(), reason: z.string() })
      .optional(),
  })
  .meta({ id: 'Certificate' });

const listingView = z
  .object({
    productId: z.string(),
    channel: channelName,
    status: listingStatus,
    externalItemId: z.string().optional(),
    priceVnd: z.number().int().optional(),
    syncedAt: z.string().optional(),
    failure: z
      .object({
        kind: z.enum(['permanent', 'needs-human', 'retries-exhausted']),
        code: z.string(),
        field: z.string().optional(),
        /** Why it failed, for the producer: Vietnamese and English. */
        reason: bilingual,
        failedAt: z.string(),
      })
      .optional(),
    ban: z.object({ reason: z.string(), bannedAt: z.string() }).optional(),
  })
  .meta({ id: 'Listing' });

const stockView = z
  .object({
    productId: z.string(),
    stockVersion: z.number().int(),
    reserved: z.number().int(),
    locations: z.array(
      z.object({
        type: z.enum(['showroom', 'warehouse']),
        locationId: z.string(),
        quantity: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StockLevels' });

const summaryOf = (product: Product) => ({
  productId: product.productId,
  name: product.details.name,
  group: product.details.group,
  stars: product.certificate.stars,
  certificateStatus: product.status,
  priceVnd: product.details.priceVnd,
  province: product.details.area.province,
  district: product.details.area.district,
  updatedAt: product.updatedAt,
});

export const listProducts = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/products',
  scope: 'producer:read',
  tag: 'products',
  summary: "The producer's products in the ledger, with their certificate status.",
  params: producerParams,
  response: listOf(productSummary),
  handle: async ({ params, deps }) =>
    toList((await deps.ledger.listByProducer(params.producerId)).map(summaryOf)),
});

export const listCertificates = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/certificates',
  scope: 'producer:read',
  tag: 'products',
  summary: "The OCOP certificate of each of the producer's products.",
  params: producerParams,
  response: listOf(certificateView),
  handle: async ({ params, deps }) =>
    toList(
      (await deps.ledger.listByProducer(params.producerId)).map((product) => ({
        productId: product.productId,
        productName: product.details.name,
        decisionNumber: product.certificate.decisionNumber,
        issuedOn: product.certificate.issuedOn,
        expiresOn: product.certificate.expiresOn,
        stars: product.certificate.stars,
        fiveStarCandidate: product.certificate.fiveStarCandidate ?? false,
        status: product.status,
        ...(product.revocation === undefined ? {} : { revocation: product.revocation }),
      })),
    ),
});

export const listListings = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/listings',
  scope: 'producer:read',
  tag: 'products',
  summary: "The producer's listings on each channel: status, and why a listing failed (vi and en).",
  params: producerParams,
  query: z.strictObject({ status: listingStatus.optional(), channel: channelName.optional() }),
  response: listOf(listingView),
  handle: async ({ params, query, deps }) => {
    const listings = await deps.ledger.listListingsByProducer(params.producerId);
    return toList(
      listings
        .filter((listing) => query.status === undefined || listing.status === query.status)
        .filter((listing) => query.channel === undefined || listing.channel === query.channel)
        .map((listing) => ({
          productId: listing.productId,
          channel: listing.channel,
          status: listing.status,
          ...(listing.synced === undefined
            ? {}
            : { externalItemId: listing.synced.externalItemId, syncedAt: listing.synced.syncedAt }),
          ...(listing.desired === undefined ? {} : { priceVnd: listing.desired.priceVnd }),
          ...(listing.failure === undefined
            ? {}
            : {
                failure: {
                  kind: listing.failure.kind,
                  code: listing.failure.code,
                  ...(listing.failure.field === undefined ? {} : { field: listing.failure.field }),
                  reason: listing.failure.message,
                  failedAt: listing.failure.failedAt,
                },
              }),
          ...(listing.ban === undefined
            ? {}
            : { ban: { reason: listing.ban.reason, bannedAt: listing.ban.bannedAt } }),
        })),
    );
  },
});

export const listStock = defineRoute({
  method: 'GET',
  path: '/v1/producers/{producerId}/stock',
  scope: 'producer:read',
  tag: 'products',
  summary: "Stock of each of the producer's products, per showroom and warehouse.",
  params: producerParams,
  response: listOf(stockView),
  handle: async ({ params, deps }) => {
    const products = await deps.ledger.listByProducer(params.producerId);
    const levels = await Promise.all(products.map((product) => deps.ledger.getStock(product.productId)));
    return toList(
      levels
        .filter((stock): stock is StockLevels => stock?.producerId === params.producerId)
        .map((stock) => ({
          productId: stock.productId,
          stockVersion: stock.stockVersion,
          reserved: stock.reserved,
          locations: stock.levels.map(({ location, quantity }) => ({ ...location, quantity })),
        })),
    );
  },
});

export const productRoutes = [listProducts, listCertificates, listListings, listStock];
