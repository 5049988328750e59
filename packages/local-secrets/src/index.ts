export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './constants.js';
export { EncryptionKeyError, KEY_ENV, keyFileOf } from './encryption.js';
export { LocalSecretsError, ServiceError, type ServiceErrorType, StateCorruptError } from './errors.js';
export { startSecretsManagerServer } from './server.js';
export type { LocalSecretsOptions, SecretsManagerServer, SecretsManagerServerOptions } from './types.js';
