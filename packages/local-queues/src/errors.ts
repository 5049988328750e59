/** Base error of this package: sets `name` and forwards `cause`. */
export class LocalQueuesError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A queue or mapping option is outside what AWS accepts (a programming error, never retryable). */
export class InvalidConfigurationError extends LocalQueuesError {
  readonly option: string;

  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

/** A journal line other than a torn last line cannot be read; the queue refuses to open rather than lose data. */
export class JournalCorruptError extends LocalQueuesError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, cause: unknown) {
    super(`journal ${file} is unreadable at line ${line}`, { cause });
    this.file = file;
    this.line = line;
  }
}

/** The handler modules would read a different configuration than the one the mapping declares. */
export class EnvironmentMismatchError extends LocalQueuesError {
  /** Names only: values may be secrets and are never put in messages. */
  readonly keys: readonly string[];

  constructor(keys: readonly string[], message: string) {
    super(`${message}: ${keys.join(', ')}`);
    this.keys = keys;
  }
}

/** `whenIdle()` cannot resolve because the mapping was stopped first. */
export class MappingStoppedError extends LocalQueuesError {
  constructor(functionName: string) {
    super(`event source mapping for ${functionName} stopped before its queue became idle`);
  }
}
