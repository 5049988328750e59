/** Base error of `@ocop-sync/event-bus`: sets `name` and forwards `cause`. */
export class EventBusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An event pattern EventBridge would refuse; `reason` is the bare explanation. */
export class InvalidEventPatternError extends EventBusError {
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.reason = reason;
  }
}

/** The whole PutEvents call is refused, as AWS does with a `ValidationException`. */
export class PutEventsValidationError extends EventBusError {}

/** A rule with this name already exists on the bus. */
export class DuplicateRuleError extends EventBusError {
  readonly ruleName: string;

  constructor(ruleName: string) {
    super(`Rule ${ruleName} already exists on this event bus.`);
    this.ruleName = ruleName;
  }
}
