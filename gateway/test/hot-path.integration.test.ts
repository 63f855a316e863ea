// The gateway's hot path as a client and an operator see it: repeated operations served from the document and
// query-plan caches (and counted on GET /metrics), compression for clients that ask for it, and in-flight dedupe
// that never lets one user's answer reach another.
import { request } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

const LISTING = '{ products(first: 20) { edges { node { id title price { amount currency } seller { displayName } category { name } favoritesCount } } } }';

let supergraph: TestSupergraph;
beforeAll(async () => {
  // Without the response cache: a response-cache hit is never planned, and these tests are about what a miss costs.
  supergraph = await startTestSupergraph({ responseCache: false });
});
afterAll(() => supergraph?.close());

const metricsUrl = () => new URL('/metrics', supergraph.gatewayUrl).toString();

/** Every sample of the exposition, keyed by its name and labels as printed. */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(metricsUrl());
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^(\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

const lookups = (samples: Map<string, number>, cache: string, result: string) => samples.get(`threadly_gateway_cache_lookups_total{cache="${cache}",result="${result}"}`) ?? 0;

/** A POST with full control of Accept-Encoding; the body is returned as the bytes that came over the wire. */
function postRaw(query: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(supergraph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

describe('document and query-plan caches', () => {
  it('parses, validates and plans a repeated operation once, and GET /metrics counts the hits', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i += 1) {
      const { body } = await supergraph.graphql(LISTING);
      expect(body.errors).toBeUndefined();
      expect(body.data.products.edges).toHaveLength(20);
    }
    const after = await scrape();
    for (const cache of ['document', 'query_plan']) {
      expect(lookups(after, cache, 'miss') - lookups(before, cache, 'miss')).toBe(1);
      expect(lookups(after, cache, 'hit') - lookups(before, cache, 'hit')).toBe(2);
      const ratio = after.get(`threadly_gateway_cache_hit_ratio{cache="${cache}"}`)!;
      expect(ratio).toBeCloseTo(lookups(after, cache, 'hit') / (lookups(after, cache, 'hit') + lookups(after, cache, 'miss')), 6);
      expect(after.get(`threadly_gateway_cache_entries{cache="${cache}"}`)).toBeGreaterThanOrEqual(1);
    }
  });

  it('another operation is a miss of its own', async () => {
    const before = await scrape();
    const { body } = await supergraph.graphql('{ categories { name } }');
    expect(body.data.categories.length).toBeGreaterThan(0);
    const after = await scrape();
    expect(lookups(after, 'document', 'miss') - lookups(before, 'document', 'miss')).toBe(1);
    expect(lookups(after, 'query_plan', 'miss') - lookups(before, 'query_plan', 'miss')).toBe(1);
  });
});

describe('compression negotiated with the client', () => {
  it('gzip for a client that asks for gzip, decoding to the same JSON', async () => {
    const plain = await postRaw(LISTING);
    const zipped = await postRaw(LISTING, 'gzip');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length);
    expect(JSON.parse(gunzipSync(zipped.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
  });

  it('Brotli when the client prefers it, or accepts both equally', async () => {
    const plain = await postRaw(LISTING);
    for (const accept of ['gzip, deflate, br', 'br;q=1, gzip;q=0.5']) {
      const compressed = await postRaw(LISTING, accept);
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(JSON.parse(brotliDecompressSync(compressed.bytes).toString())).toEqual(JSON.parse(plain.bytes.toString()));
    }
    expect((await postRaw(LISTING, 'br;q=0.2, gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('nothing compressed for a client that does not ask, refuses both, or for a small answer', async () => {
    for (const accept of [undefined, 'identity', 'gzip;q=0, br;q=0', 'deflate']) {
      const response = await postRaw(LISTING, accept);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(response.bytes.toString()).data.products.edges).toHaveLength(20);
    }
    const small = await postRaw('{ __typename }', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString())).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('in-flight dedupe', () => {
  it('answers each of many concurrent identical queries for two users with that user\'s own data', async () => {
    const users = [DEMO_ACCOUNTS.buyer.id, DEMO_ACCOUNTS.seller.id];
    const query = '{ me { id displayName favorites(first: 3) { edges { node { id } } } } }';
    const calls = Array.from({ length: 20 }, (_, i) => users[i % 2]!);
    const responses = await Promise.all(calls.map((as) => supergraph.graphql(query, {}, { as })));
    responses.forEach(({ body }, i) => {
      expect(body.errors).toBeUndefined();
      expect(body.data.me.id).toBe(calls[i]);
    });
    const buyerAnswers = new Set(responses.filter((_, i) => calls[i] === users[0]).map(({ body }) => JSON.stringify(body.data)));
    expect(buyerAnswers.size).toBe(1);
  });
});
