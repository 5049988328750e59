/**
 * Defaults and limits, each taken from the AWS documentation named beside it.
 * Locally some limits are relaxed (fractions of a second) so tests can run in milliseconds.
 */

/** SQS: default visibility timeout 30 s, range 0 s to 12 h (ChangeMessageVisibility API reference). */
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

/** SQS redrive policy: maxReceiveCount is 1 to 1000. */
export const MIN_MAX_RECEIVE_COUNT = 1;
export const MAX_MAX_RECEIVE_COUNT = 1000;

/** SQS queue names: up to 80 characters, alphanumerics, hyphens and underscores. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/** Lambda SQS event source mapping: BatchSize default 10, up to 10,000 for standard queues. */
export const DEFAULT_BATCH_SIZE = 10;
export const MAX_BATCH_SIZE = 10_000;

/** Lambda SQS event source mapping: MaximumBatchingWindowInSeconds default 0, up to 300. */
export const DEFAULT_MAXIMUM_BATCHING_WINDOW_SECONDS = 0;
export const MAX_MAXIMUM_BATCHING_WINDOW_SECONDS = 300;

/** Lambda ScalingConfig.MaximumConcurrency: 2 to 1000. */
export const MIN_MAXIMUM_CONCURRENCY = 2;
export const MAX_MAXIMUM_CONCURRENCY = 1000;
/** Local default when the routing table gives none; AWS's own default is "up to the account limit". */
export const DEFAULT_MAXIMUM_CONCURRENCY = 10;

/** Lambda function timeout: default 3 s, maximum 900 s; memory default 128 MB. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_LIMIT_IN_MB = 128;

/** The account and region the local ARNs are built with; the region nearest Vietnam. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'ap-southeast-1';
/** SenderId shown on locally sent messages (SQS reports the sender's IAM principal id). */
export const DEFAULT_SENDER_ID = 'AIDALOCALOCOPSYNC0000';

/** How many dead-letter messages `peek()` returns when no limit is given. */
export const DEFAULT_PEEK_LIMIT = 100;
