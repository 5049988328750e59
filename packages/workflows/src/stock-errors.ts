/**
 * A stock event that cannot be applied yet but can later (its product or shop is not in the ledger yet:
 * the events arrived out of order, or a lookup index is catching up). Thrown so the queue redelivers it.
 */
export class StockEventNotReadyError extends Error {
  override name = 'StockEventNotReadyError';
  readonly productId: string | undefined;
  readonly reason: string;

  constructor(reason: string, productId?: string, options?: ErrorOptions) {
    super(
      `stock event not applicable yet: ${reason}${productId === undefined ? '' : ` (${productId})`}`,
      options,
    );
    this.reason = reason;
    this.productId = productId;
  }
}
