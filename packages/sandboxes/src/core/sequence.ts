/** Monotonic numeric ids rendered as strings (marketplace ids are int64s or numeric strings). */
export class Sequence {
  #next: number;

  constructor(start: number) {
    this.#next = start;
  }

  next(): string {
    const id = this.#next;
    this.#next += 1;
    return String(id);
  }
}
