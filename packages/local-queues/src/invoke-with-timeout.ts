import type { Context, SQSEvent } from 'aws-lambda';
import { describeError } from './failure-reason.js';

/** A handler module's export: plain async functions and middy-wrapped handlers both fit. */
export type SqsFunctionHandler = (event: SQSEvent, context: Context) => unknown;

export type InvocationResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Calls the handler and settles at its result, its error, or the deadline, whichever comes first; the timeout
 * reason reads like Lambda's. Node cannot kill the handler's promise as Lambda kills the sandbox, so a handler
 * that ignores `getRemainingTimeInMillis` may run on in the background after its batch has failed.
 */
export async function invokeWithTimeout(
  handler: SqsFunctionHandler,
  event: SQSEvent,
  context: Context,
  timeoutMs: number,
): Promise<InvocationResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationResult>((resolve) => {
    const reason = `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
    timer = setTimeout(() => resolve({ ok: false, reason }), timeoutMs);
  });
  const call = (async () => handler(event, context))().then(
    (value): InvocationResult => ({ ok: true, value }),
    (error: unknown): InvocationResult => ({ ok: false, reason: describeError(error) }),
  );
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
