/** Base error of the local stack: a setup that cannot work (a missing handler, a port in use, …). */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
