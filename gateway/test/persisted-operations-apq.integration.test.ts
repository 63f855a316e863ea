// Automatic persisted queries for first-party clients in open and audit mode: a hash the gateway does not know is
// PERSISTED_QUERY_NOT_FOUND, the client registers it by sending the query with its hash, and from then on the hash
// alone runs it — kept in the gateway's memory or in Redis (shared by replicas); with Redis down it still works by
// sending the full query (fail-open).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason } from '@threadly/testing';
import type { GatewayServer } from '../src/index.ts';
import { createApqCacheStore, type ApqCacheStore } from '../src/plugins/persisted-operations-apq-cache.ts';
import { sha256Hex } from '../src/plugins/persisted-operations-manifest.ts';
import { persistedOperationsFor } from './support/persisted-operations.ts';
import { postGraphQL, rawRequest, startStandaloneGateway } from './support/standalone-gateway.ts';

const silent = createLogger('gateway', 'silent');
const redisSkip = serverUnavailableReason('redis');
const opened: Array<{ gateway: GatewayServer; store: ApqCacheStore }> = [];
afterAll(async () => {
  for (const { gateway, store } of opened) {
    await gateway.stop();
    await store.close();
  }
});

async function startApqGateway(mode: 'open' | 'audit', redisUrl: string | undefined, keyPrefix: string) {
  const store = await createApqCacheStore({ redisUrl, keyPrefix, logger: silent });
  const gateway = await startStandaloneGateway({ persistedOperations: persistedOperationsFor(mode, store.cache) });
  opened.push({ gateway, store });
  return { gateway, store };
}

/** A query no subgraph is needed for, new on every call so no earlier run's registration can answer it. */
const freshQuery = () => `query Ping_${randomUUID().replaceAll('-', '')} { __typename }`;
const byHash = (url: string, hash: string) =>
  rawRequest(url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }) });
const withHash = (url: string, query: string) =>
  rawRequest(url, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } }),
  });

const backends = [
  { name: 'in process', skip: null, redisUrl: undefined },
  { name: 'in Redis', skip: redisSkip, redisUrl: process.env.REDIS_URL },
];

describe.each(backends)('APQ kept $name', ({ skip, redisUrl }) => {
  it.each(['open', 'audit'] as const)(`%s mode: miss, register, hit${skip ? ` — skipped: ${skip}` : ''}`, async (mode) => {
    if (skip) return;
    const keyPrefix = `threadly-test:${randomUUID()}:`;
    const { gateway, store } = await startApqGateway(mode, redisUrl, keyPrefix);
    expect(store.backend).toBe(redisUrl ? 'redis' : 'memory');
    const query = freshQuery();
    const hash = sha256Hex(query);

    const miss = await byHash(gateway.url, hash);
    expect(miss.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(miss.json.data).toBeUndefined();
    const registered = await withHash(gateway.url, query);
    expect(registered.json).toEqual({ data: { __typename: 'Query' } });
    const hit = await byHash(gateway.url, hash);
    expect(hit.status).toBe(200);
    expect(hit.json).toEqual({ data: { __typename: 'Query' } });

    if (redisUrl) {
      const redis = new Redis(redisUrl);
      try {
        expect(await redis.get(`${keyPrefix}apq:${hash}`)).toBe(query);
        expect(await redis.ttl(`${keyPrefix}apq:${hash}`)).toBeGreaterThan(3600);
      } finally {
        redis.disconnect();
      }
      // Another replica over the same Redis knows the hash without registering it again.
      const replica = await startApqGateway(mode, redisUrl, keyPrefix);
      expect((await byHash(replica.gateway.url, hash)).json).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it(`refuses a hash that does not match the query sent with it${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    if (skip) return;
    const { gateway } = await startApqGateway('open', redisUrl, `threadly-test:${randomUUID()}:`);
    const response = await rawRequest(gateway.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: freshQuery(), extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ __typename }') } } }),
    });
    expect(response.status).toBe(400);
    expect(response.json.data).toBeUndefined();
  });
});

describe('APQ with Redis down', () => {
  it('fails open: every hash is a miss, and the query sent with its hash still runs', async () => {
    const { gateway, store } = await startApqGateway('open', 'redis://127.0.0.1:1', 'threadly-test:down:');
    expect(store.backend).toBe('redis');
    const query = freshQuery();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await byHash(gateway.url, sha256Hex(query))).json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const sent = await withHash(gateway.url, query);
      expect(sent.status).toBe(200);
      expect(sent.json).toEqual({ data: { __typename: 'Query' } });
    }
    expect((await postGraphQL(gateway.url, '{ __typename }')).json).toEqual({ data: { __typename: 'Query' } });
  });
});
