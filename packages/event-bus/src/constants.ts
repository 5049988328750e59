/** Limits and defaults of the local bus, each taken from EventBridge's documentation or `aws/event-ruler`. */

/** PutEvents accepts 1–10 entries per call (API reference, PutEvents `Entries`). */
export const MAX_ENTRIES_PER_PUT_EVENTS = 10;

/** Total entry size must stay under 256 KB ("Calculating PutEvents event entry size"). */
export const MAX_PUT_EVENTS_REQUEST_BYTES = 256 * 1024;

/** A given `Time` counts as 14 bytes, whatever its value ("Calculating PutEvents event entry size"). */
export const TIME_PARAMETER_BYTES = 14;

/** EventBridge rejects event patterns longer than 4096 characters (PutRule / TestEventPattern `EventPattern`). */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

export const DEFAULT_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'ap-southeast-1';
export const DEFAULT_BUS_NAME = 'default';

/** event-ruler's ComparableNumber: numbers compare within ±5e9 with at most 6 decimal places. */
export const NUMERIC_LIMIT = 5_000_000_000;
export const NUMERIC_DECIMAL_PLACES = 6;

/** Name of the JSON-lines file the archive appends to inside its data directory. */
export const ARCHIVE_FILE_NAME = 'archive.jsonl';
