/**
 * The certification workflow could not apply an event yet, but will be able to later (e.g. a renewal that
 * overtook its certification). Thrown so the queue redelivers the record after its visibility timeout.
 */
export class RetryableCertificationError extends Error {
  override name = 'RetryableCertificationError';
  readonly retryable = true;

  constructor(
    message: string,
    readonly context: { detailType: string; reason: string; productId?: string },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
