export { type CertificationOutcome, handleCertificationEvent } from './certification.js';
export { RetryableCertificationError } from './certification-errors.js';
export { type CertificationDeps, replanProduct } from './certification-plan.js';
export {
  type CertificationSweepCounts,
  type CertificationSweepDeps,
  runCertificationSweep,
} from './certification-sweep.js';
export {
  CreationInProgressError,
  handleListingBatch,
  handleListingRequest,
  type ListingBatchOptions,
  type ListingSyncDeps,
  type ListingSyncOutcome,
} from './listing-sync.js';
export {
  channelOfPath,
  createOrderReader,
  type HttpResult,
  handleMarketplacePush,
  type MarketplacePush,
  type MarketplacePushDeps,
  meaningOf,
  PUSH_TOLERANCE_SECONDS,
  type PushOutcome,
  problem,
  type ReadOrder,
  toHttpResult,
  verifyPush,
} from './marketplace-push.js';
export {
  adapterLogger,
  type ChannelWiring,
  createChannelAdapter,
  createLedgerTokenStore,
  loadMarketplaceApps,
  type MarketplaceApps,
  marketplaceApps,
} from './marketplace-wiring.js';
export {
  createShopLookup,
  createWebhookSecretStore,
  handleProducerNotification,
  handleProducerNotificationBatch,
  type NotificationBatchResult,
  type NotificationOutcome,
  type ProducerNotifierDeps,
  ProducerUnknownError,
  SWEEP_PER_NOTIFICATION,
  sweepDueDeliveries,
  sweepUntilDone,
  type WebhookSecretsConfig,
} from './producer-notifier.js';
export { createProducerNotifierDeps } from './producer-notifier-wiring.js';
export {
  type ReconciliationDeps,
  type ReconciliationLogger,
  type ReconciliationOptions,
  reconcileChannel,
} from './reconciliation.js';
export {
  classifyDrift,
  type Difference,
  type ExpectedListing,
  type Finding,
} from './reconciliation-classify.js';
export { LISTINGS_PER_READ } from './reconciliation-pacing.js';
export { MAX_REPUSH_ATTEMPTS, type Plan, planFor } from './reconciliation-policy.js';
export { StockEventNotReadyError } from './stock-errors.js';
export { handleStockEvent, type StockLedgerDeps } from './stock-ledger.js';
export { type StockSyncDeps, type StockSyncLogger, syncStock } from './stock-sync.js';
