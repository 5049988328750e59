export { type AwsClients, createAwsClients } from './aws-clients.js';
export { ConfigurationError, type FunctionEnvironment, loadConfig } from './config.js';
export {
  createSqsParker,
  type DeadLetterParker,
  type ParkReason,
  parkAttributes,
} from './dead-letter-parker.js';
export {
  createEventPublisher,
  type EventPublisher,
  type PublishEntry,
  PublishError,
} from './event-publisher.js';
export { createFunctionContext, type FunctionContext, requireChannel } from './function-context.js';
export { createObservability, type Observability } from './observability.js';
export {
  createBatchQueueHandler,
  createQueueHandler,
  parseRecordBody,
  type QueueHandler,
  type QueueHandlerOptions,
  type ReceivedEvent,
} from './queue-handler.js';
