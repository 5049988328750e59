import { createCoverageQueries, type Listing } from '@ocop-sync/ledger';
import type { Clients } from '../target/clients.js';
import { requireTable, type Target } from '../target/target.js';
import { type CoverageLine, computeCoverage } from './coverage.js';

/** How many producers' listings are read at once (one Query each). */
const PRODUCER_READ_CONCURRENCY = 8;

/** `ocop-sync coverage`: reads products by area and each producer's listings, then computes the report. */
export async function readCoverage(
  context: { target: Target; clients: Clients },
  options: { province?: string | undefined } = {},
): Promise<CoverageLine[]> {
  const queries = createCoverageQueries({
    client: context.clients.dynamodb,
    tableName: requireTable(context.target),
  });
  const products = await queries.productsByArea(options.province);
  const producerIds = [...new Set(products.map((product) => product.producerId))];
  const listings = new Map<string, Listing[]>();
  for (let start = 0; start < producerIds.length; start += PRODUCER_READ_CONCURRENCY) {
    const batch = producerIds.slice(start, start + PRODUCER_READ_CONCURRENCY);
    const results = await Promise.all(batch.map((id) => queries.listingsOfProducer(id)));
    for (const [index, id] of batch.entries()) listings.set(id, results[index] ?? []);
  }
  return computeCoverage(products, listings);
}
