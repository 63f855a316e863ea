/**
 * A single-consumer async queue with a hard bound: events the client has not taken yet wait here, and when more
 * than `maxPending` wait, the source is stopped (`onReturn`) and `onOverflow` runs (the connection is closed)
 * instead of the queue growing. It is the
 * only place a subscription's events accumulate, so it is what bounds a slow consumer's memory.
 */
export class BoundedEventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private readonly onReturn: () => void;

  constructor(
    private readonly maxPending: number,
    private readonly onOverflow: () => void,
    onReturn: () => void = () => undefined,
  ) {
    this.onReturn = onReturn;
  }

  get pending(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.clearWaiting();
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.maxPending) {
      // The source stops at once: waiting for the client to acknowledge the close could take as long as it is slow.
      this.ended = true;
      this.items.length = 0;
      this.onReturn();
      this.onOverflow();
      return;
    }
    this.items.push(item);
  }

  /** No more events: the consumer drains what is queued, then finishes. */
  end(): void {
    this.ended = true;
    if (this.items.length === 0 && this.waiting) {
      const resolve = this.waiting;
      this.clearWaiting();
      resolve({ value: undefined, done: true });
    }
  }

  /** The stream broke: the consumer gets the queued events, then this error. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = { error };
    this.ended = true;
    if (this.items.length === 0 && this.failWaiting) {
      const reject = this.failWaiting;
      this.clearWaiting();
      reject(error);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.items.length = 0;
    this.failure = undefined;
    const resolve = this.waiting;
    this.clearWaiting();
    resolve?.({ value: undefined, done: true });
    this.onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private clearWaiting() {
    this.waiting = undefined;
    this.failWaiting = undefined;
  }
}
