import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { isQueryBody } from './inflight-dedupe.ts';
import { subgraphUnavailable } from './subgraph-unavailable.ts';

export interface ResilienceOptions {
  /** An attempt that has not answered by then is abandoned (and counts as a failure). */
  timeoutMs: number;
  /** Waits before each retry of a query (each ±20% jitter); their count is the number of retries. */
  retryDelaysMs: readonly number[];
}

export interface ResilienceHooks {
  /** Waits `ms`; injectable so tests need no wall clock. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); spreads retries so that gateways do not retry in lock-step. */
  random?: () => number;
  /** Called for each failed attempt and each retry (metrics). */
  onFailure?: () => void;
  onRetry?: () => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A 5xx is the subgraph failing; anything below (GraphQL errors come in a 200) is an answer to pass on. */
const isServerFailure = (response: FetcherResponse) => response.status >= 500;

/**
 * One subgraph's fetcher with a timeout per attempt, a circuit breaker, and retries for queries only: a mutation
 * is sent once, since a lost answer does not mean it was not applied. Retried: connection errors, timeouts and
 * 5xx; never an answer, even one carrying GraphQL errors. When every attempt failed, or the circuit is open, it
 * throws SUBGRAPH_UNAVAILABLE (subgraph-unavailable.ts) and @apollo/gateway keeps every other subgraph's data.
 */
export function createResilientFetcher(
  subgraph: string,
  fetcher: Fetcher,
  breaker: CircuitBreaker,
  options: ResilienceOptions,
  { sleep = defaultSleep, random = Math.random, onFailure, onRetry }: ResilienceHooks = {},
): Fetcher {
  const attempt = async (url: string, init: Parameters<Fetcher>[1]): Promise<FetcherResponse | undefined> => {
    const circuit = breaker.tryAcquire();
    if (!circuit) throw subgraphUnavailable(subgraph);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal as AbortSignal, timeout]) : timeout;
    try {
      const response = await fetcher(url, { ...init, signal });
      if (!isServerFailure(response)) {
        circuit.succeeded();
        return response;
      }
    } catch (error) {
      // The caller gave up: not the subgraph's fault, nothing to retry.
      if ((init?.signal as AbortSignal | undefined)?.aborted) throw error;
    }
    circuit.failed();
    onFailure?.();
    return undefined;
  };
  return async (url, init) => {
    const retries = isQueryBody(init?.body) ? options.retryDelaysMs : [];
    for (let index = 0; ; index += 1) {
      const response = await attempt(url, init);
      if (response) return response;
      const delay = retries[index];
      if (delay === undefined) throw subgraphUnavailable(subgraph);
      onRetry?.();
      await sleep(delay * (0.8 + 0.4 * random()));
    }
  };
}
