// Everything that uses Redis, on a real Redis Cluster (3 masters, started by this file on spare ports and thrown
// away): the rate limiter, the APQ store, subscription pub/sub fan-out, and one flow through the real gateway and
// subgraphs with the response cache, rate limits, domain events (Redis Streams, consumer groups) and subscription
// events all on the cluster. The response cache store's contract and the event transport's run on the cluster in
// their own suites (response-cache-store.test.ts, packages/events/test/redis-stream-transport.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger } from '@threadly/logger';
import { createRealtimePubSub, defineTopic } from '@threadly/pubsub';
import { serverUnavailableReason, startThrowawayRedisCluster, type ThrowawayRedisCluster } from '@threadly/testing';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import { RedisRateLimiter } from '../src/edge/redis-rate-limiter.ts';
import { createApqCacheStore } from '../src/plugins/persisted-operations-apq-cache.ts';
import type { WsMessage } from './subscriptions-fixtures/graphql-ws-test-client.ts';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer } = DEMO_ACCOUNTS;
const silent = createLogger('gateway', 'silent');
// The fail-open timeout for what is checked here: on this shared machine a slow command would count as Redis being
// down (the request allowed, the cache missed), which is not what these tests are about.
const SLOW_MACHINE_MS = 2_000;
const ANONYMOUS_LIMIT = 5;
const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let cluster: ThrowawayRedisCluster;

beforeAll(async () => {
  if (!skip) cluster = await startThrowawayRedisCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(skip)('the gateway and subgraphs on a Redis Cluster', () => {
  it('rate-limits across keys spread over the slots: each bucket allows its limit and refuses the next request', async () => {
    const limiter = new RedisRateLimiter({ url: cluster.url, windowMs: 60_000, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS });
    await limiter.whenConnected();
    try {
      // Enough buckets that they land on every master.
      const buckets = Array.from({ length: 12 }, (_, index) => `ip:10.0.0.${index}`);
      for (const bucket of buckets) {
        for (let i = 0; i < 3; i++) expect((await limiter.consume(bucket, 3)).allowed).toBe(true);
        expect(await limiter.consume(bucket, 3)).toMatchObject({ allowed: false });
      }
    } finally {
      await limiter.close();
    }
  });

  it('keeps an APQ registration made through one gateway replica for another', async () => {
    const keyPrefix = `threadly-test:${randomUUID()}:`;
    const [first, second] = await Promise.all([createApqCacheStore({ redisUrl: cluster.url, keyPrefix, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS }), createApqCacheStore({ redisUrl: cluster.url, keyPrefix, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS })]);
    try {
      expect([first.backend, second.backend]).toEqual(['redis', 'redis']);
      await first.cache.set('apq:abc', '{ __typename }', { ttl: 600 });
      expect(await second.cache.get('apq:abc')).toBe('{ __typename }');
      expect(await second.cache.delete('apq:abc')).toBe(true);
      expect(await first.cache.get('apq:abc')).toBeUndefined();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('fans a subscription event out to subscribers on every replica, whichever node they are connected to', async () => {
    const channelPrefix = `threadly-test:${randomUUID()}:`;
    const replicas = [0, 1, 2].map(() => createRealtimePubSub({ redisUrl: cluster.url, logger: silent, channelPrefix }));
    const topic = defineTopic<{ text: string }>('cluster-check')(randomUUID());
    try {
      const iterators = await Promise.all(replicas.map((pubsub) => pubsub.subscribe(topic)));
      await replicas[0]!.publish(topic, randomUUID(), { text: 'to everyone' });
      for (const iterator of iterators) expect((await iterator.next()).value).toEqual({ text: 'to everyone' });
    } finally {
      await Promise.all(replicas.map((pubsub) => pubsub.close()));
    }
  });

  describe('one flow through the gateway', () => {
    let supergraph: SubscriptionSupergraph;
    let limiter: RedisRateLimiter;
    beforeAll(async () => {
      limiter = new RedisRateLimiter({ url: cluster.url, windowMs: 60_000, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS });
      await limiter.whenConnected();
      supergraph = await startSubscriptionSupergraph({
        redisUrl: cluster.url,
        responseCache: { redisUrl: cluster.url, keyPrefix: `threadly-test:${randomUUID()}:` },
        // Few anonymous requests a minute, so the test reaches the limit on the cluster.
        edge: { enforceRateLimit: createRateLimitEnforcer(limiter, { windowSeconds: 60, user: 1_000, anonymous: ANONYMOUS_LIMIT, partner: 1_000 }) },
      });
    }, 180_000);
    afterAll(async () => {
      await supergraph?.close();
      await limiter?.close();
    });

    it('caches a public answer, limits anonymous requests, and carries a message through events and pub/sub to a subscriber', async () => {
      expect(supergraph.responseCache?.backend).toBe('redis');
      const products = '{ products(first: 3) { edges { node { id title seller { displayName } } } } }';
      const first = await supergraph.graphql(products);
      expect(first.body.errors).toBeUndefined();
      expect(first.headers.get('x-cache')).toBe('MISS');
      // The next answers come from the cache. (Asked a few times at most: the response cache's 250 ms fail-open timeout
      // can turn one lookup into a MISS on this shared machine, which is that timeout working, not the cluster failing.)
      const answers = [first];
      while (answers.length < ANONYMOUS_LIMIT && answers.at(-1)!.headers.get('x-cache') !== 'HIT') answers.push(await supergraph.graphql(products));
      expect(answers.at(-1)!.headers.get('x-cache')).toBe('HIT');
      expect(answers.at(-1)!.body.data).toEqual(first.body.data);
      // Past the limit, refused: the window's count lives on the cluster.
      while (answers.length < ANONYMOUS_LIMIT) answers.push(await supergraph.graphql(products));
      const refused = await supergraph.graphql(products);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');

      const { body } = await supergraph.graphql('{ myConversations(first: 1) { edges { node { id } } } }', {}, { as: buyer.id });
      const conversationId = body.data.myConversations.edges[0].node.id as string;
      const subscriber = await supergraph.connect({ as: buyer.id });
      await subscriber.ready;
      subscriber.subscribe('m', 'subscription($id: ID!) { messageAdded(conversationId: $id) { body sender { displayName } } }', { id: conversationId });
      // Messaging subscribes its pub/sub channel moments after the gateway acknowledges: a message sent before that
      // is (rightly) not replayed, so send until one arrives — the first that does proves the whole path.
      const prefix = `Over the cluster ${randomUUID().slice(0, 8)}`;
      let delivered: WsMessage | undefined;
      for (let attempt = 0; attempt < 10 && !delivered; attempt++) {
        const sent = await supergraph.graphql('mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }', { id: conversationId, body: `${prefix} #${attempt}` }, { as: buyer.id });
        expect(sent.body.errors).toBeUndefined();
        delivered = await subscriber
          .next((message) => message.type === 'next' && String(message.payload.data.messageAdded.body).startsWith(prefix), 2_000)
          .catch(() => undefined);
      }
      expect(delivered?.payload.data.messageAdded).toMatchObject({ body: expect.stringMatching(prefix), sender: { displayName: expect.any(String) } });
    });
  });

  // Last: it stops the cluster.
  describe('with the cluster gone', () => {
    it('fails open like with one server: requests are not limited and APQ hashes miss, nothing throws', async () => {
      const limiter = new RedisRateLimiter({ url: cluster.url, windowMs: 60_000, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS });
      const apq = await createApqCacheStore({ redisUrl: cluster.url, keyPrefix: `threadly-test:${randomUUID()}:`, logger: silent, commandTimeoutMs: SLOW_MACHINE_MS });
      await limiter.whenConnected();
      try {
        await apq.cache.set('apq:gone', '{ __typename }', { ttl: 600 });
        await cluster.stop();
        // A limit of 1, asked twice: the second would be refused if Redis still counted.
        expect((await limiter.consume('ip:10.9.9.9', 1)).allowed).toBe(true);
        expect((await limiter.consume('ip:10.9.9.9', 1)).allowed).toBe(true);
        expect(await apq.cache.get('apq:gone')).toBeUndefined();
      } finally {
        await Promise.all([limiter.close(), apq.close()]);
      }
    });
  });
});
