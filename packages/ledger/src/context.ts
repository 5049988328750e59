import type { RetryContext } from './retry.js';
import type { Store } from './store.js';

/** What every operation needs: the store, the time, and how to retry conflicts. */
export interface LedgerContext extends RetryContext {
  store: Store;
  now(): Date;
}
