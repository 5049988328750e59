/** Dead-letter listings show at most this much of an error. */
const MAX_REASON_LENGTH = 2000;

/**
 * Turns whatever was thrown into the one-line reason kept with a message: `Name: message` for errors, the text
 * for strings. Never `JSON.stringify(error)`, which can drag request internals and secrets along.
 */
export function describeError(error: unknown): string {
  const reason =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : `non-Error value thrown (${typeof error})`;
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}
