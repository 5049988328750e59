export { availableToSell, crossesLowThreshold, serves } from './availability.js';
export {
  type CoverageQueries,
  type CoverageReadOptions,
  createCoverageQueries,
} from './coverage-queries.js';
export { LedgerConflictError, LedgerCorruptItemError, LedgerError, LedgerValidationError } from './errors.js';
export { createLedger } from './ledger.js';
export type {
  Ledger,
  ListingLedger,
  ProducerLedger,
  ProductLedger,
  ReconciliationLedger,
  StockLedger,
} from './ledger-api.js';
export { listingStatus, needsSync } from './listing-rules.js';
export { createRatePermitStore, type RatePermitClaim, type RatePermitStoreOptions } from './rate-permits.js';
export { REPORT_TTL_SECONDS, type ReadBackResult } from './reconciliation.js';
export {
  type DriftEpisode,
  MAX_REPORTED_HUMAN_ITEMS,
  type ReadBackState,
  type ReconciliationReport,
  reconciliationReport,
} from './reconciliation-records.js';
export type { CertificateStatus, ListingStatus, MovementKind, RejectionReason } from './records.js';
export { createLedgerTableInput, type LedgerIndexName, ledgerTable } from './table-definition.js';
export type * from './types.js';
