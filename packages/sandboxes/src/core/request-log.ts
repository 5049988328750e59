import type { RequestLogEntry } from '../types.js';

/** What the sandbox answered, in order, for tests and benchmarks (count calls per endpoint). */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
  }

  all(): RequestLogEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
