export {
  DEFAULT_SETTLE_TIMEOUT_MS,
  EVENT_BUS_NAME,
  HANDLER_LOAD_FAILED,
  LEDGER_TABLE_NAME,
  PLACEHOLDER_MARKER,
} from './constants.js';
export { type DemoOptions, runDemoScenario } from './demo-scenario.js';
export type { LocalEndpoints, LocalSandboxes } from './environment.js';
export { LocalStackError } from './errors.js';
export { formatSummary } from './format-summary.js';
export { handlerFile, isPlaceholderHandler } from './handler-loader.js';
export {
  type LocalStack,
  type LocalStackChaosHooks,
  type LocalStackOptions,
  startLocalStack,
} from './local-stack.js';
export { registerProducerEndpoints } from './producer-endpoints.js';
export { type ProducerReceiver, type ReceivedMessage, startProducerReceiver } from './producer-receiver.js';
export { createProgress, type Progress, silentProgress } from './progress.js';
export { createBusClient, type PublishOutcome, publish } from './publisher.js';
export type { RunningRoute } from './routes.js';
export {
  type CertifiedProduct,
  certifiedProductsOf,
  loadInvalidSample,
  loadSamples,
  type SampleEvent,
} from './samples.js';
export type { ScheduleRunner } from './schedules.js';
export { createDemoShops, type DemoShop, rewriteShopIds } from './shops.js';
export { type SqsServer, startSqsServer } from './sqs-server.js';
export type { DemoSummary } from './summary.js';
