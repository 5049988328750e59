/** Base error of this package: sets `name` and forwards `cause`. */
export class LocalSecretsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The data file cannot be read; the server refuses to start rather than lose secrets. */
export class StateCorruptError extends LocalSecretsError {
  readonly file: string;

  constructor(file: string, cause: unknown) {
    super(`secrets state ${file} is unreadable`, { cause });
    this.file = file;
  }
}

/** The error types Secrets Manager answers with, as the SDK names its exception classes. */
export type ServiceErrorType =
  | 'InvalidAction'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'InvalidNextTokenException'
  | 'ResourceExistsException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'InternalServiceError';

/**
 * An error the endpoint sends on the wire: `__type` names the exception, `Message` explains it. Status codes
 * are from the API reference ("Common Errors" and each action's "Errors"): 400 for client errors, 500 for
 * InternalServiceError. Messages never contain a secret value.
 */
export class ServiceError extends LocalSecretsError {
  readonly type: ServiceErrorType;
  readonly status: number;

  constructor(type: ServiceErrorType, message: string) {
    super(message);
    this.type = type;
    this.status = type === 'InternalServiceError' ? 500 : 400;
  }
}

export const secretNotFound = () =>
  new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
export const markedForDeletion = () =>
  new ServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );
export const invalidParameter = (message: string) => new ServiceError('InvalidParameterException', message);
