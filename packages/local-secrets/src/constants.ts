/** Account and region of the ARNs the local endpoint makes (no AWS account behind them). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'ap-southeast-1';

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';

/** DeleteSecret `RecoveryWindowInDays`: 7–30, default 30 (API reference, DeleteSecret). */
export const MIN_RECOVERY_DAYS = 7;
export const MAX_RECOVERY_DAYS = 30;
export const DEFAULT_RECOVERY_DAYS = 30;

/** ClientRequestToken is 32–64 characters (API reference, PutSecretValue). */
export const MIN_TOKEN_LENGTH = 32;
export const MAX_TOKEN_LENGTH = 64;

/** ListSecrets `MaxResults`: 1–100 (API reference, ListSecrets). */
export const MAX_LIST_RESULTS = 100;

/** Versions without a staging label are deprecated; Secrets Manager keeps about 100 of them ("Secret versions"). */
export const MAX_DEPRECATED_VERSIONS = 100;

/** Secret values: at most 65,536 bytes (Secrets Manager quotas). */
export const MAX_SECRET_BYTES = 65_536;

/** Name: 1–512 characters of ASCII letters, digits and `/_+=.@-` (API reference, CreateSecret). */
export const SECRET_NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export const DAY_MS = 86_400_000;
