export { type ArchiveOptions, createEventArchive, type EventArchive, type TimeWindow } from './archive.js';
export {
  createEventBus,
  type DeliveryFailure,
  type EventBus,
  type EventBusOptions,
  type EventTarget,
  type PutEventsResult,
  type PutEventsResultEntry,
  type ReplayOptions,
  type ReplayResult,
  type RuleDefinition,
} from './bus.js';
export {
  DuplicateRuleError,
  EventBusError,
  InvalidEventPatternError,
  PutEventsValidationError,
} from './errors.js';
export { type EventBridgeEvent, eventBridgeEventSchema } from './event-schema.js';
export { type EventBusServer, type EventBusServerOptions, startEventBusServer } from './http-server.js';
export { type CompiledEventPattern, compileEventPattern, matchesEventPattern } from './matcher.js';
export { type PatternValidationResult, validateEventPattern } from './pattern-validation.js';
export type { PutEventsRequestEntry } from './wire-schemas.js';
