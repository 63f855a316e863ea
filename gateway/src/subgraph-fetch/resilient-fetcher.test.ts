import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BufferedResponse } from './buffered-response.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { createResilientFetcher } from './resilient-fetcher.ts';

const URL_ = 'http://catalog.internal:4002/graphql';
const QUERY = JSON.stringify({ query: '{products(first:2){edges{node{id}}}}', variables: {} });
const MUTATION = JSON.stringify({ query: 'mutation($id:ID!){favoriteProduct(productId:$id){id}}', variables: { id: 'p1' } });
const post = (body: string): FetcherRequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

type Outcome = 'refused' | 500 | 400 | 200 | 'hang';

/**
 * A subgraph played from a script: each attempt takes the next outcome (the last one repeats). `sleeps` records the
 * waits asked for instead of waiting, and `random` is fixed, so nothing here depends on the wall clock.
 */
function scripted(outcomes: Outcome[], { random = 0.5, timeoutMs = 10_000, breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: 5_000 }) } = {}) {
  const attempts: string[] = [];
  const sleeps: number[] = [];
  const transport: Fetcher = async (url, init) => {
    attempts.push(init?.body as string);
    const outcome = outcomes[Math.min(attempts.length - 1, outcomes.length - 1)] as Outcome;
    if (outcome === 'refused') throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:4002'), { code: 'ECONNREFUSED' });
    if (outcome === 'hang') {
      const signal = init?.signal as AbortSignal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    }
    const body = outcome === 200 ? '{"data":{"ok":true}}' : '<html>Bad gateway at 10.0.0.7</html>';
    return new BufferedResponse(url, outcome, { 'content-type': 'application/json' }, body);
  };
  const fetcher = createResilientFetcher('catalog', transport, breaker, { timeoutMs, retryDelaysMs: [100, 200, 400] }, {
    sleep: async (ms) => void sleeps.push(ms),
    random: () => random,
  });
  return { fetcher, attempts, sleeps, breaker };
}

async function unavailableError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('resilient subgraph fetcher', () => {
  it('retries a query after connection errors and 5xx, waiting 100, 200, 400 ms (±20% jitter), and returns the answer', async () => {
    const { fetcher, attempts, sleeps } = scripted(['refused', 500, 'refused', 200]);
    const response = await fetcher(URL_, post(QUERY));
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(attempts).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('spreads the waits by the jitter', async () => {
    const low = scripted(['refused', 'refused', 'refused', 200], { random: 0 });
    await low.fetcher(URL_, post(QUERY));
    expect(low.sleeps).toEqual([80, 160, 320]);
    const high = scripted(['refused', 200], { random: 0.999 });
    await high.fetcher(URL_, post(QUERY));
    expect(high.sleeps[0]).toBeCloseTo(120, 0);
  });

  it('gives up after 3 retries with SUBGRAPH_UNAVAILABLE naming the subgraph and nothing internal', async () => {
    const { fetcher, attempts } = scripted(['refused']);
    const error = await unavailableError(fetcher(URL_, post(QUERY)));
    expect(attempts).toHaveLength(4);
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'catalog' });
    expect(error.message).not.toMatch(/10\.0\.0\.7|ECONNREFUSED|4002/);
  });

  it('never retries a mutation: one attempt, then SUBGRAPH_UNAVAILABLE', async () => {
    const { fetcher, attempts, sleeps } = scripted(['refused', 200]);
    const error = await unavailableError(fetcher(URL_, post(MUTATION)));
    expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(attempts).toEqual([MUTATION]);
    expect(sleeps).toEqual([]);
  });

  it('passes on a 200 carrying GraphQL errors, and a 4xx, without retrying', async () => {
    const { fetcher, attempts } = scripted([200]);
    await fetcher(URL_, post(QUERY));
    const badRequest = scripted([400]);
    expect((await badRequest.fetcher(URL_, post(QUERY))).status).toBe(400);
    expect(attempts).toHaveLength(1);
    expect(badRequest.attempts).toHaveLength(1);
  });

  it('abandons an attempt that outlives the timeout, and retries it', async () => {
    const { fetcher, attempts } = scripted(['hang', 200], { timeoutMs: 20 });
    expect((await fetcher(URL_, post(QUERY))).status).toBe(200);
    expect(attempts).toHaveLength(2);
  });

  it('opens the circuit after 5 failed attempts; then fails fast without going upstream, retries included', async () => {
    const { fetcher, attempts, breaker } = scripted(['refused']);
    await unavailableError(fetcher(URL_, post(QUERY)));
    expect(breaker.state).toBe('closed');
    await unavailableError(fetcher(URL_, post(QUERY)));
    expect(breaker.state).toBe('open');
    expect(attempts).toHaveLength(5);
    const error = await unavailableError(fetcher(URL_, post(QUERY)));
    expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(attempts).toHaveLength(5);
  });
});
