import type { CatalogueEvent } from '@ocop-sync/domain';
import type { Ledger, MovementApplied, MovementResult, OrderResult } from '@ocop-sync/ledger';
import type { EventPublisher, PublishEntry } from '@ocop-sync/runtime';
import { StockEventNotReadyError } from './stock-errors.js';
import { appliedNotices, currentLevels, rejectedNotice } from './stock-notices.js';

/** What the stock-ledger workflow needs: the ledger's stock operations and a publisher. */
export interface StockLedgerDeps {
  ledger: Pick<Ledger, 'applyMovement' | 'transfer' | 'reserveOrder' | 'releaseOrder' | 'getStock'>;
  publisher: EventPublisher;
}

/**
 * Applies one stock movement or marketplace order to the ledger, then announces the outcome: a
 * StockLevelChanged per changed location (and StockLow on a crossing) when applied, a StockMovementRejected
 * when it would oversell. A duplicate re-publishes the first application's events, so a crash between the
 * ledger write and the publish loses nothing (consumers are idempotent). A movement that may succeed later
 * (product not certified yet, shop or SKU lookup catching up) throws StockEventNotReadyError, so the queue
 * redelivers it. Events of other types are ignored: the route never delivers them.
 *
 * @example
 * export const handler = createQueueHandler(options, (event) => handleStockEvent({ ledger, publisher }, event));
 */
export async function handleStockEvent(deps: StockLedgerDeps, event: CatalogueEvent): Promise<void> {
  const entries = await applyStockEvent(deps, event);
  if (entries.length > 0) await deps.publisher.publish(entries);
}

async function applyStockEvent(deps: StockLedgerDeps, event: CatalogueEvent): Promise<PublishEntry[]> {
  const { ledger } = deps;
  switch (event['detail-type']) {
    case 'StockReceived':
      return movementNotices(
        await ledger.applyMovement({ detailType: 'StockReceived', detail: event.detail }),
      );
    case 'StockSold':
      return movementNotices(await ledger.applyMovement({ detailType: 'StockSold', detail: event.detail }));
    case 'StockCounted':
      return movementNotices(
        await ledger.applyMovement({ detailType: 'StockCounted', detail: event.detail }),
      );
    case 'WarehouseStockSet': {
      const movement = { detailType: 'WarehouseStockSet', detail: event.detail } as const;
      return movementNotices(await ledger.applyMovement(movement));
    }
    case 'StockTransferred':
      return movementNotices(await ledger.transfer(event.detail));
    case 'MarketplaceOrderPlaced':
      return orderNotices(deps, await ledger.reserveOrder(event.detail));
    case 'MarketplaceOrderCancelled':
      return orderNotices(deps, await ledger.releaseOrder(event.detail));
    default:
      return [];
  }
}

/** Movements through `applyMovement`/`transfer` always change at least one location's level. */
function movementNotices(result: MovementResult): PublishEntry[] {
  if (result.outcome === 'duplicate') return movementNotices(result.original);
  if (result.outcome === 'applied') return appliedNotices(result);
  if (result.retryable) throw new StockEventNotReadyError(result.reason, result.productId);
  return [rejectedNotice(result)];
}

/**
 * A duplicate or stale order announces nothing: the ledger returns only the order's status for it, not its
 * movements' results, so there is nothing to re-publish from.
 */
async function orderNotices(deps: StockLedgerDeps, result: OrderResult): Promise<PublishEntry[]> {
  switch (result.outcome) {
    case 'applied': {
      const notices = await Promise.all(
        result.movements.map((movement) => reservationNotices(deps, movement)),
      );
      return notices.flat();
    }
    case 'rejected': {
      if (result.retryable) throw new StockEventNotReadyError(result.reason, result.lines[0]?.productId);
      return result.movements.map(rejectedNotice);
    }
    case 'duplicate':
    case 'stale':
      return [];
  }
}

/** A reservation moves no location, so its StockLevelChanged carries the product's current levels. */
async function reservationNotices(deps: StockLedgerDeps, movement: MovementApplied): Promise<PublishEntry[]> {
  if (movement.changes.length > 0) return appliedNotices(movement);
  return appliedNotices(movement, currentLevels(await deps.ledger.getStock(movement.productId)));
}
