import { type Channel, channels, normalizeText } from '@ocop-sync/domain';
import type { Listing, Product } from '@ocop-sync/ledger';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { bilingual, channelName, listOf, toList } from './schemas.js';

/** Area names are Vietnamese text: percent-encoded in the path, compared after NFC normalisation. */
const areaName = z.string().min(1).max(100).transform(normalizeText);
const provinceParams = z.strictObject({ province: areaName });
const districtParams = z.strictObject({ province: areaName, district: areaName });

/** The programme's target: at least half of OCOP producers sell through modern channels (as `ocop-sync coverage`). */
const COVERAGE_TARGET = 0.5;

const coverageView = z
  .object({
    province: z.string(),
    district: z.string().optional(),
    /** Products with a current certificate (active or expiring). */
    certifiedProducts: z.number().int(),
    producers: z.number().int(),
    /** Producers with at least one live listing of a product of this area. */
    producersLive: z.number().int(),
    liveShare: z.number(),
    meetsTarget: z.boolean(),
    liveByChannel: z.record(channelName, z.number().int()),
  })
  .meta({ id: 'AreaCoverage' });

const failureView = z
  .object({
    productId: z.string(),
    productName: z.string(),
    producerId: z.string(),
    district: z.string(),
    channel: channelName,
    status: z.enum(['failed', 'banned']),
    reason: bilingual,
    code: z.string().optional(),
    at: z.string(),
  })
  .meta({ id: 'AreaFailure' });

const PRODUCER_READS_AT_ONCE = 8;

interface AreaData {
  products: Product[];
  listings: Listing[];
}

/** The area's products (index by area) and their producers' listings (index by producer), as the CLI's coverage. */
async function readArea(deps: ApiDeps, province: string, district?: string): Promise<AreaData> {
  const products = await deps.ledger.listByArea(
    district === undefined ? { province } : { province, district },
  );
  const productIds = new Set(products.map((product) => product.productId));
  const producerIds = [...new Set(products.map((product) => product.producerId))];
  const listings: Listing[] = [];
  // A province has hundreds of producers: a few queries at a time, not hundreds at once.
  for (let start = 0; start < producerIds.length; start += PRODUCER_READS_AT_ONCE) {
    const batch = producerIds.slice(start, start + PRODUCER_READS_AT_ONCE);
    const read = await Promise.all(batch.map((producerId) => deps.coverage.listingsOfProducer(producerId)));
    listings.push(...read.flat().filter((listing) => productIds.has(listing.productId)));
  }
  return { products, listings };
}

function coverageOf({ products, listings }: AreaData, province: string, district?: string) {
  const current = products.filter((product) => product.status === 'active' || product.status === 'expiring');
  const liveChannels = new Map<string, Set<Channel>>();
  for (const listing of listings) {
    if (listing.status !== 'live') continue;
    liveChannels.set(
      listing.productId,
      (liveChannels.get(listing.productId) ?? new Set()).add(listing.channel),
    );
  }
  const producers = new Set(current.map((product) => product.producerId));
  const live = new Set<string>();
  const liveOn = new Map<Channel, Set<string>>(channels.map((channel) => [channel, new Set<string>()]));
  for (const product of current) {
    for (const channel of liveChannels.get(product.productId) ?? []) {
      live.add(product.producerId);
      liveOn.get(channel)?.add(product.producerId);
    }
  }
  const liveShare = producers.size === 0 ? 0 : live.size / producers.size;
  return {
    province,
    ...(district === undefined ? {} : { district }),
    certifiedProducts: current.length,
    producers: producers.size,
    producersLive: live.size,
    liveShare,
    meetsTarget: liveShare >= COVERAGE_TARGET,
    liveByChannel: Object.fromEntries(
      channels.map((channel) => [channel, liveOn.get(channel)?.size ?? 0]),
    ) as Record<Channel, number>,
  };
}

function failuresOf({ products, listings }: AreaData): z.input<typeof failureView>[] {
  const byId = new Map(products.map((product) => [product.productId, product]));
  return listings.flatMap((listing): z.input<typeof failureView>[] => {
    const product = byId.get(listing.productId);
    if (product === undefined) return [];
    const base = {
      productId: product.productId,
      productName: product.details.name,
      producerId: product.producerId,
      district: product.details.area.district,
      channel: listing.channel,
    };
    if (listing.status === 'failed' && listing.failure !== undefined)
      return [
        {
          ...base,
          status: 'failed',
          reason: listing.failure.message,
          code: listing.failure.code,
          at: listing.failure.failedAt,
        },
      ];
    if (listing.status === 'banned' && listing.ban !== undefined)
      return [
        {
          ...base,
          status: 'banned',
          // The marketplace gives its ban reason in one language only.
          reason: { vi: listing.ban.reason, en: listing.ban.reason },
          at: listing.ban.bannedAt,
        },
      ];
    return [];
  });
}

export const provinceCoverage = defineRoute({
  method: 'GET',
  path: '/v1/provinces/{province}/coverage',
  scope: 'area:read',
  tag: 'area',
  summary: 'Coverage of the province: certified products, producers, producers live on a channel.',
  description:
    'For provincial officials of this province (and operators). The province name is percent-encoded.',
  params: provinceParams,
  response: coverageView,
  handle: async ({ params, deps }) => coverageOf(await readArea(deps, params.province), params.province),
});

export const districtCoverage = defineRoute({
  method: 'GET',
  path: '/v1/provinces/{province}/districts/{district}/coverage',
  scope: 'area:read',
  tag: 'area',
  summary: 'Coverage of one district.',
  description: 'For officials of this district or its province (and operators).',
  params: districtParams,
  response: coverageView,
  handle: async ({ params, deps }) =>
    coverageOf(await readArea(deps, params.province, params.district), params.province, params.district),
});

export const provinceFailures = defineRoute({
  method: 'GET',
  path: '/v1/provinces/{province}/failures',
  scope: 'area:read',
  tag: 'area',
  summary: "Failed and banned listings of the province's products, with the reason (vi and en).",
  params: provinceParams,
  response: listOf(failureView),
  handle: async ({ params, deps }) => toList(failuresOf(await readArea(deps, params.province))),
});

export const districtFailures = defineRoute({
  method: 'GET',
  path: '/v1/provinces/{province}/districts/{district}/failures',
  scope: 'area:read',
  tag: 'area',
  summary: "Failed and banned listings of the district's products.",
  params: districtParams,
  response: listOf(failureView),
  handle: async ({ params, deps }) =>
    toList(failuresOf(await readArea(deps, params.province, params.district))),
});

export const areaRoutes = [provinceCoverage, districtCoverage, provinceFailures, districtFailures];
