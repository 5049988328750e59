export { availableToSell, crossesLowThreshold, serves } from './availability.js';
export {
  type CoverageQueries,
  type CoverageReadOptions,
  createCoverageQueries,
} from './coverage-queries.js';
export { LedgerConflictError, LedgerCorruptItemError, LedgerError, LedgerValidationError } from './errors.js';
export { createLedger } from './ledger.js';
export type { Ledger, ListingLedger, ProducerLedger, ProductLedger, StockLedger } from './ledger-api.js';
export { listingStatus, needsSync } from './listing-rules.js';
export type { CertificateStatus, ListingStatus, MovementKind, RejectionReason } from './records.js';
export { createLedgerTableInput, type LedgerIndexName, ledgerTable } from './table-definition.js';
export type * from './types.js';
