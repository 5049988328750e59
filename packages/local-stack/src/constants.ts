/** The account id local ARNs and queue URLs use (as in the event bus and local queues). */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'ap-southeast-1';
export const LEDGER_TABLE_NAME = 'ocop-sync-ledger';
export const EVENT_BUS_NAME = 'ocop-sync';

/** Text every placeholder handler throws until its real implementation lands. */
export const PLACEHOLDER_MARKER = 'not implemented yet';

/** `runDemoScenario` gives up waiting for the queues to drain after this long. */
export const DEFAULT_SETTLE_TIMEOUT_MS = 120_000;

/** Prefix of the error a route's records fail with when its handler module could not be imported. */
export const HANDLER_LOAD_FAILED = 'handler module could not be loaded';
