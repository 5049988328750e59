export type { BatchOutcome } from './batch-response.js';
export { createManualClock, type ManualClock, systemClock } from './clock.js';
export * from './constants.js';
export {
  EnvironmentMismatchError,
  InvalidConfigurationError,
  JournalCorruptError,
  LocalQueuesError,
  MappingStoppedError,
} from './errors.js';
export {
  type EventSourceMapping,
  type EventSourceMappingOptions,
  type InvocationReport,
  type MappingStats,
  startEventSourceMapping,
} from './event-source-mapping.js';
export type { SqsFunctionHandler } from './invoke-with-timeout.js';
export { createLambdaContext, type LambdaContextOptions, newLogStreamName } from './lambda-context.js';
export {
  applyLambdaEnvironment,
  assertLambdaEnvironment,
  type LambdaEnvironment,
} from './lambda-environment.js';
export type { MessageAttributeInput, MessageAttributesInput } from './message-attributes.js';
export { createLocalQueue, LocalQueue, type LocalQueueOptions, type RedrivePolicyOptions } from './queue.js';
export type {
  Clock,
  MessageView,
  QueueDepth,
  ReceiptOutcome,
  ReceivedMessage,
  RedriveResult,
} from './types.js';
