import type { InjectedFailure, StripeEndpoint } from './stand-in-api.ts';

interface PendingFailure {
  endpoint: StripeEndpoint | undefined;
  failure: InjectedFailure['failure'];
  remaining: number;
  afterProcessing: boolean;
}

/** Failures queued by `failNextRequests`, consumed by the requests they match, oldest first. */
export class InjectedFailures {
  private pending: PendingFailure[] = [];

  add({ endpoint, failure, count = 1, afterProcessing = false }: InjectedFailure) {
    if (!(count >= 1)) throw new RangeError(`count must be at least 1, got ${count}.`);
    this.pending.push({ endpoint, failure, remaining: count, afterProcessing });
  }

  /** The failure this request must suffer at this point, if one is queued for it (and counts it). */
  take(endpoint: StripeEndpoint, phase: 'before' | 'after'): InjectedFailure['failure'] | undefined {
    const match = this.pending.find(
      (pending) => (pending.endpoint === undefined || pending.endpoint === endpoint) && pending.afterProcessing === (phase === 'after'),
    );
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.pending = this.pending.filter((pending) => pending !== match);
    return match.failure;
  }

  clear() {
    this.pending = [];
  }
}
