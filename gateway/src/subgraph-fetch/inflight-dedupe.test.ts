import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signViewer } from '@threadly/identity-headers';
import { dedupeInflightQueries, isQueryBody } from './inflight-dedupe.ts';
import { createKeepAliveFetcher, type KeepAliveFetcher } from './keep-alive-fetcher.ts';

const secret = 'dedupe-test-secret'.padEnd(40, '-');
const buyer = signViewer({ userId: 'd389d1ce-01f0-543d-bf25-86078e8394d6', role: 'BUYER' }, secret);
const seller = signViewer({ userId: '2a155597-5619-546d-9db2-8968ae83a6a8', role: 'SELLER' }, secret);
const LISTING = JSON.stringify({ query: '{products(first:2){edges{node{id title}}}}', variables: {} });
const FAVORITE = JSON.stringify({ query: 'mutation($id:ID!){favoriteProduct(productId:$id){id}}', variables: { id: 'p1' } });

/**
 * A subgraph stand-in that holds every request until `release()`, so the test decides what is "in flight at the
 * same moment"; it answers with the viewer header it saw, so a shared answer would show.
 */
let upstream: Server;
let url: string;
let received: Array<{ viewer: string | undefined; requestId: string | undefined; body: string }>;
let held: Array<() => void>;
let failNext: boolean;
let transport: KeepAliveFetcher;

beforeEach(async () => {
  received = [];
  held = [];
  failNext = false;
  upstream = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const viewer = req.headers['x-threadly-viewer'] as string | undefined;
      received.push({ viewer, requestId: req.headers['x-request-id'] as string | undefined, body });
      const fail = failNext;
      held.push(() => {
        if (fail) return res.destroy();
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });
        res.end(JSON.stringify({ data: { viewer: viewer ?? null, n: received.length } }));
      });
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/graphql`;
  transport = createKeepAliveFetcher({ connectionsPerSubgraph: 8 });
});

afterEach(async () => {
  await transport.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const headersOf = (requestId: string, viewer?: string) => ({
  'content-type': 'application/json',
  'x-request-id': requestId,
  ...(viewer ? { 'x-threadly-viewer': viewer } : {}),
});

/** Starts the requests, waits until the stand-in has seen `expected` of them (and a moment more), then answers all. */
async function inFlightTogether<T>(requests: Array<() => Promise<T>>, expected: number) {
  const settled = Promise.allSettled(requests.map((send) => send()));
  while (received.length < expected) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const answer of held.splice(0)) answer();
  return settled;
}

describe('in-flight dedupe of subgraph queries', () => {
  it('sends identical concurrent queries upstream once, and each caller gets the answer', async () => {
    const shared: boolean[] = [];
    const fetcher = dedupeInflightQueries(transport.fetcher, { onFetch: (wasShared) => shared.push(wasShared) });
    const results = await inFlightTogether(
      Array.from({ length: 5 }, (_, i) => async () => (await fetcher(url, { method: 'POST', headers: headersOf(`req-${i}`, buyer), body: LISTING })).json()),
      1,
    );
    expect(received).toHaveLength(1);
    expect(results.map((r) => r.status === 'fulfilled' && r.value)).toEqual(Array(5).fill({ data: { viewer: buyer, n: 1 } }));
    expect(shared).toEqual([false, true, true, true, true]);
    // Each caller parses its own copy: changing one cannot change another's.
    const [a, b] = results.map((r) => (r as PromiseFulfilledResult<{ data: { n: number } }>).value);
    a!.data.n = 99;
    expect(b!.data.n).toBe(1);
  });

  it('shares queries that differ only in their trace context (each request its own traceparent)', async () => {
    const fetcher = dedupeInflightQueries(transport.fetcher);
    const traced = (i: number) => ({ ...headersOf(`req-${i}`, buyer), traceparent: `00-${String(i).repeat(32)}-${String(i).repeat(16)}-01` });
    const results = await inFlightTogether(
      Array.from({ length: 3 }, (_, i) => async () => (await fetcher(url, { method: 'POST', headers: traced(i + 1), body: LISTING })).json()),
      1,
    );
    expect(received).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('never shares between two viewers: each gets the answer for itself', async () => {
    const fetcher = dedupeInflightQueries(transport.fetcher);
    const results = await inFlightTogether(
      [buyer, seller, undefined].map((viewer, i) => async () => (await fetcher(url, { method: 'POST', headers: headersOf(`req-${i}`, viewer), body: LISTING })).json()),
      3,
    );
    expect(received.map((r) => r.viewer)).toEqual(expect.arrayContaining([buyer, seller, undefined]));
    expect(results.map((r) => (r as PromiseFulfilledResult<{ data: { viewer: string | null } }>).value.data.viewer)).toEqual([buyer, seller, null]);
  });

  it('never shares mutations, even identical ones by one viewer', async () => {
    const fetcher = dedupeInflightQueries(transport.fetcher);
    await inFlightTogether(
      Array.from({ length: 3 }, (_, i) => () => fetcher(url, { method: 'POST', headers: headersOf(`req-${i}`, buyer), body: FAVORITE })),
      3,
    );
    expect(received).toHaveLength(3);
    expect(received.map((r) => r.requestId).sort()).toEqual(['req-0', 'req-1', 'req-2']);
  });

  it('hands an upstream failure to every waiter, and the next request goes upstream again', async () => {
    const fetcher = dedupeInflightQueries(transport.fetcher);
    failNext = true;
    const results = await inFlightTogether(
      Array.from({ length: 4 }, (_, i) => () => fetcher(url, { method: 'POST', headers: headersOf(`req-${i}`, buyer), body: LISTING })),
      1,
    );
    expect(received).toHaveLength(1);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    failNext = false;
    const [again] = await inFlightTogether([async () => (await fetcher(url, { method: 'POST', headers: headersOf('req-9', buyer), body: LISTING })).json()], 2);
    expect(received).toHaveLength(2);
    expect(again).toMatchObject({ status: 'fulfilled', value: { data: { viewer: buyer, n: 2 } } });
  });

  it('keeps nothing once answered: a later identical query goes upstream', async () => {
    const fetcher = dedupeInflightQueries(transport.fetcher);
    await inFlightTogether([() => fetcher(url, { method: 'POST', headers: headersOf('a', buyer), body: LISTING })], 1);
    await inFlightTogether([() => fetcher(url, { method: 'POST', headers: headersOf('b', buyer), body: LISTING })], 2);
    expect(received).toHaveLength(2);
  });
});

describe('isQueryBody', () => {
  it('recognises the queries the gateway sends and nothing else', () => {
    expect(isQueryBody(LISTING)).toBe(true);
    expect(isQueryBody(JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on User{displayName}}}', variables: {} }))).toBe(true);
    expect(isQueryBody(FAVORITE)).toBe(false);
    expect(isQueryBody(JSON.stringify({ query: 'subscription{messageSent{id}}' }))).toBe(false);
    expect(isQueryBody(JSON.stringify({ query: 'query A{me{id}} mutation B{clearCart{id}}', operationName: 'B' }))).toBe(false);
    expect(isQueryBody(JSON.stringify({ variables: {}, query: '{me{id}}' }))).toBe(false);
    expect(isQueryBody(JSON.stringify({ query: 'queryX{me{id}}' }))).toBe(false);
    expect(isQueryBody(undefined)).toBe(false);
  });
});
