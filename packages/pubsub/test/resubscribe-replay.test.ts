// A subscriber whose Redis connection drops misses, in pub/sub, what is published before it has resubscribed;
// the replay from the history stream hands it those messages (resubscribe-replay.ts).
import { randomUUID } from 'node:crypto';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason, testEnv } from '@threadly/testing';
import { createRealtimePubSub, defineTopic, type RealtimePubSub } from '../src/index.ts';

const noteAdded = defineTopic<{ body: string }>('note.added');
const logger = createLogger('pubsub-replay-test', 'silent');
const skipReason = serverUnavailableReason('redis');

describe.skipIf(skipReason !== null)(`replay after the subscriber connection drops${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  const opened: Array<RealtimePubSub | Redis> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => (each instanceof Redis ? each.quit() : each.close())));
  });

  it('delivers, once, a message published while the subscriber was reconnecting', async () => {
    const channelPrefix = `threadly:test:replay:${randomUUID().slice(0, 8)}:`;
    const [publisher, subscriber] = [0, 1].map(() => createRealtimePubSub({ logger, redisUrl: testEnv().REDIS_URL, channelPrefix }));
    const admin = new Redis(testEnv().REDIS_URL!);
    opened.push(publisher!, subscriber!, admin);
    const iterator = await subscriber!.subscribe(noteAdded('c1'));
    await publisher!.publish(noteAdded('c1'), 'event-1', { body: 'before' });
    expect((await iterator.next()).value).toEqual({ body: 'before' });

    // Redis drops the subscriber's connection, as a restart or a network cut would; ioredis reconnects after 200 ms.
    const connection = (subscriber!.engine as RedisPubSub).getSubscriber() as Redis;
    await admin.client('KILL', 'ADDR', `127.0.0.1:${connection.stream.localPort}`);
    const [, listening] = (await admin.pubsub('NUMSUB', `${channelPrefix}note.added:c1`)) as [string, number];
    await publisher!.publish(noteAdded('c1'), 'event-2', { body: 'while away' });
    await publisher!.publish(noteAdded('c1'), 'event-3', { body: 'after' });

    expect(listening).toBe(0); // the live publish of event-2 reached no one
    expect((await iterator.next()).value).toEqual({ body: 'while away' });
    expect((await iterator.next()).value).toEqual({ body: 'after' });
    // Nothing twice: the replay re-read event-1 too, and the live channel may have carried event-3 as well.
    await publisher!.publish(noteAdded('c1'), 'event-4', { body: 'last' });
    expect((await iterator.next()).value).toEqual({ body: 'last' });
  });
});
