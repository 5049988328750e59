import { type Channel, channels, normalizeText } from '@ocop-sync/domain';
import type { Listing, Product } from '@ocop-sync/ledger';

/** The programme's target: at least half of OCOP producers sell through modern channels. */
export const COVERAGE_TARGET = 0.5;

/** One line of the report: a district, a province's total, or the grand total. */
export interface CoverageLine {
  level: 'district' | 'province' | 'total';
  province: string;
  district: string;
  /** Products with a current certificate (active or expiring; revoked and expired ones are not counted). */
  certifiedProducts: number;
  producers: number;
  /** Producers with at least one live listing of a product of this area, on any channel. */
  producersLive: number;
  /** producersLive / producers (0 when there are no producers). */
  liveShare: number;
  meetsTarget: boolean;
  /** Producers with at least one live listing on each channel. */
  liveByChannel: Record<Channel, number>;
}

const currentStatuses: ReadonlySet<Product['status']> = new Set(['active', 'expiring']);

interface Tally {
  province: string;
  district: string;
  products: number;
  producers: Set<string>;
  live: Set<string>;
  liveOn: Record<Channel, Set<string>>;
}

const areaKey = (text: string) => normalizeText(text).toLocaleLowerCase('vi');

/**
 * Coverage per district, per province and in total, from the ledger's products and each producer's
 * listings. Pure: the queries that feed it live in @ocop-sync/ledger (`createCoverageQueries`).
 */
export function computeCoverage(
  products: readonly Product[],
  listingsByProducer: ReadonlyMap<string, readonly Listing[]>,
): CoverageLine[] {
  const current = products.filter((product) => currentStatuses.has(product.status));
  const liveByProduct = new Map<string, Set<Channel>>();
  for (const listings of listingsByProducer.values()) {
    for (const listing of listings) {
      if (listing.status !== 'live') continue;
      const set = liveByProduct.get(listing.productId) ?? new Set<Channel>();
      set.add(listing.channel);
      liveByProduct.set(listing.productId, set);
    }
  }
  const districts = new Map<string, Tally>();
  const provinces = new Map<string, Tally>();
  const total = newTally('', '');
  for (const product of current) {
    const { province, district } = product.details.area;
    const provinceTally = getOrAdd(provinces, areaKey(province), () => newTally(province, ''));
    const districtTally = getOrAdd(districts, `${areaKey(province)}|${areaKey(district)}`, () =>
      newTally(province, district),
    );
    const live = liveByProduct.get(product.productId) ?? new Set<Channel>();
    for (const tally of [districtTally, provinceTally, total]) add(tally, product.producerId, live);
  }
  const lines: CoverageLine[] = [];
  for (const [key, provinceTally] of [...provinces].sort(byName)) {
    const inProvince = [...districts]
      .filter(([districtKey]) => districtKey.startsWith(`${key}|`))
      .sort(byName);
    for (const [, tally] of inProvince) lines.push(toLine('district', tally));
    lines.push(toLine('province', provinceTally));
  }
  if (provinces.size > 1) lines.push(toLine('total', total));
  return lines;
}

function newTally(province: string, district: string): Tally {
  const liveOn = Object.fromEntries(channels.map((channel) => [channel, new Set<string>()])) as Record<
    Channel,
    Set<string>
  >;
  return { province, district, products: 0, producers: new Set(), live: new Set(), liveOn };
}

function add(tally: Tally, producerId: string, live: ReadonlySet<Channel>): void {
  tally.products += 1;
  tally.producers.add(producerId);
  if (live.size > 0) tally.live.add(producerId);
  for (const channel of live) tally.liveOn[channel].add(producerId);
}

function toLine(level: CoverageLine['level'], tally: Tally): CoverageLine {
  const producers = tally.producers.size;
  const liveShare = producers === 0 ? 0 : tally.live.size / producers;
  return {
    level,
    province: tally.province,
    district: tally.district,
    certifiedProducts: tally.products,
    producers,
    producersLive: tally.live.size,
    liveShare,
    meetsTarget: liveShare >= COVERAGE_TARGET,
    liveByChannel: Object.fromEntries(
      channels.map((channel) => [channel, tally.liveOn[channel].size]),
    ) as Record<Channel, number>,
  };
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const created = create();
  map.set(key, created);
  return created;
}

const byName = ([left]: [string, Tally], [right]: [string, Tally]) => left.localeCompare(right, 'vi');
