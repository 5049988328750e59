/** Base error of `@ocop-sync/webhooks`: sets `name` and forwards `cause`. */
export class WebhooksError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The endpoint URL may not be called: wrong scheme, credentials in it, or a refused address. */
export class DestinationRefusedError extends WebhooksError {
  readonly reason: string;

  /** `reason` never contains the URL's path or query (they may carry tokens). */
  constructor(reason: string) {
    super(`webhook destination refused: ${reason}`);
    this.reason = reason;
  }
}

/** An endpoint, message or delivery that the caller names does not exist. */
export class NotFoundError extends WebhooksError {
  readonly entity: 'endpoint' | 'message' | 'delivery';
  readonly id: string;

  constructor(entity: 'endpoint' | 'message' | 'delivery', id: string) {
    super(`${entity} ${id} not found`);
    this.entity = entity;
    this.id = id;
  }
}

/** A request the service refuses (too many endpoints, no event types...): a caller's mistake, never retryable. */
export class InvalidRequestError extends WebhooksError {}

/** The endpoint has no secret to sign with (a half-created endpoint or a secret store outage). */
export class MissingSecretError extends WebhooksError {
  constructor(endpointId: string) {
    super(`no signing secret for endpoint ${endpointId}`);
  }
}
