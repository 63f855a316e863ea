import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason, testEnv } from '@threadly/testing';
import { createRealtimePubSub, defineTopic, SubscriberOverflowError, type RealtimePubSub } from '../src/index.ts';

interface Note {
  id: string;
  body: string;
  at: Date;
}
const noteAdded = defineTopic<Note>('note.added');
const logger = createLogger('pubsub-test', 'silent');
const skipReason = serverUnavailableReason('redis');
// Channels of this file's own: parallel test files never hear each other.
const channelPrefix = `threadly:test:${process.pid}:${randomUUID().slice(0, 8)}:`;

const note = (body: string): Note => ({ id: randomUUID(), body, at: new Date('2026-11-21T10:00:00.000Z') });

const engines: Array<[string, () => RealtimePubSub, string | null]> = [
  ['in-memory', () => createRealtimePubSub({ logger }), null],
  ['Redis', () => createRealtimePubSub({ logger, redisUrl: testEnv().REDIS_URL, channelPrefix }), skipReason],
];

describe.each(engines)('realtime pub/sub (%s)', (_name, create, skip) => {
  const opened: RealtimePubSub[] = [];
  const open = (factory = create) => {
    const pubsub = factory();
    opened.push(pubsub);
    return pubsub;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  });

  it.skipIf(skip !== null)('delivers a payload with its dates to a subscriber of the same key only', async () => {
    const pubsub = open();
    const mine = await pubsub.subscribe(noteAdded('a'));
    const other = await pubsub.subscribe(noteAdded('b'));
    const sent = note('hello');
    await pubsub.publish(noteAdded('a'), randomUUID(), sent);
    expect(await mine.next()).toEqual({ done: false, value: sent });
    await other.return!();
    expect(await other.next()).toEqual({ done: true, value: undefined });
  });

  it.skipIf(skip !== null)('delivers an event published twice (a redelivery) once', async () => {
    const pubsub = open();
    const iterator = await pubsub.subscribe(noteAdded('a'));
    const eventId = randomUUID();
    const first = note('once');
    const second = note('next');
    await pubsub.publish(noteAdded('a'), eventId, first);
    await pubsub.publish(noteAdded('a'), eventId, first);
    await pubsub.publish(noteAdded('a'), randomUUID(), second);
    expect((await iterator.next()).value).toEqual(first);
    expect((await iterator.next()).value).toEqual(second);
  });

  it.skipIf(skip !== null)('drops a subscriber that lets too many events wait, with a clear error', async () => {
    const pubsub = open(() => createRealtimePubSub({ logger, redisUrl: skip === null && _name === 'Redis' ? testEnv().REDIS_URL : undefined, channelPrefix, maxQueue: 2 }));
    const iterator = await pubsub.subscribe(noteAdded('slow'));
    for (const body of ['1', '2', '3']) await pubsub.publish(noteAdded('slow'), randomUUID(), note(body));
    await expect.poll(() => pubsub.activeSubscriptions()).toBe(0);
    await expect(iterator.next()).rejects.toBeInstanceOf(SubscriberOverflowError);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it.skipIf(skip !== null)('ends a waiting subscriber when it is returned or the pub/sub closes', async () => {
    const pubsub = open();
    const returned = await pubsub.subscribe(noteAdded('a'));
    const pendingReturned = returned.next();
    await returned.return!();
    expect(await pendingReturned).toEqual({ done: true, value: undefined });
    const closed = await pubsub.subscribe(noteAdded('a'));
    const pendingClosed = closed.next();
    await pubsub.close();
    expect(await pendingClosed).toEqual({ done: true, value: undefined });
    expect(pubsub.activeSubscriptions()).toBe(0);
  });
});

describe.skipIf(skipReason !== null)(`realtime pub/sub across processes${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  it('reaches the subscribers of every replica sharing Redis', async () => {
    const replicas = [0, 1].map(() => createRealtimePubSub({ logger, redisUrl: testEnv().REDIS_URL, channelPrefix }));
    try {
      const iterators = await Promise.all(replicas.map((replica) => replica.subscribe(noteAdded('shared'))));
      const sent = note('to both');
      await replicas[0]!.publish(noteAdded('shared'), randomUUID(), sent);
      for (const iterator of iterators) expect((await iterator.next()).value).toEqual(sent);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
