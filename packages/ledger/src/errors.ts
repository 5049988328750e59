import type { ValidationIssue } from '@ocop-sync/domain';

/** Base of every error the ledger throws; expected outcomes (duplicate, stale, rejected) are results, not errors. */
export class LedgerError extends Error {
  /** Whether trying the same call again later can succeed. */
  readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LedgerError';
    this.retryable = options.retryable ?? false;
  }
}

/** Bad input, found before any write: each issue names the field (`detail.quantity: must not be negative`). */
export class LedgerValidationError extends LedgerError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(`Invalid ledger input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'LedgerValidationError';
    this.issues = issues;
  }
}

/** Concurrent writers kept winning for every attempt; the caller (an SQS redelivery) may try again. */
export class LedgerConflictError extends LedgerError {
  readonly operation: string;
  readonly attempts: number;

  constructor(operation: string, attempts: number, cause?: unknown) {
    super(`${operation}: still conflicting after ${attempts} attempts`, { cause, retryable: true });
    this.name = 'LedgerConflictError';
    this.operation = operation;
    this.attempts = attempts;
  }
}

/** A stored item does not have the shape the ledger writes: needs a human, never retried. */
export class LedgerCorruptItemError extends LedgerError {
  readonly key: { pk: string; sk: string };

  constructor(key: { pk: string; sk: string }, issues: readonly ValidationIssue[]) {
    super(
      `Stored item ${key.pk} / ${key.sk} is malformed: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.name = 'LedgerCorruptItemError';
    this.key = key;
  }
}
