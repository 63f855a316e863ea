// The semantics both transports promise, written once and run against each (memory-transport.test.ts,
// redis-stream-transport.test.ts).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messageSent, type DomainEvent } from '@threadly/event-contracts';
import { createLogger } from '@threadly/logger';
import { defineEventConsumer, startEventConsumer, type ConsumeOptions, type EventDelivery, type EventSubscription, type EventTransport } from '../src/index.ts';

export interface DeadLetterView {
  group: string;
  reason: string;
  deliveries: number;
  raw: unknown;
}

export interface TransportUnderTest {
  /** A transport on a stream of its own: each test starts from an empty stream. */
  transport: EventTransport;
  deadLetters(): Promise<DeadLetterView[]>;
  /** Entries of `group` delivered and not acknowledged. */
  pendingCount(group: string): Promise<number>;
  /** The stream's consumer groups. */
  groupNames(): Promise<string[]>;
}

const quiet = createLogger('events-test', 'silent');
/** Fast retries, quick takeover: the tests wait for outcomes, never for fixed times. */
const FAST: ConsumeOptions = { backoffBaseMs: 20, backoffMaxMs: 100, claimIdleMs: 300 };

const newEvent = () => {
  const id = randomUUID();
  return messageSent.create(id, { messageId: id, conversationId: randomUUID(), productId: randomUUID(), senderId: randomUUID(), recipientId: randomUUID() });
};
const eventIdOf = (delivery: EventDelivery) => (delivery.raw as DomainEvent).id;
const uniqueGroup = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

export function describeTransportContract(name: string, create: () => Promise<TransportUnderTest & { dispose(): Promise<void> }>) {
  describe(`${name}: consumer-group semantics`, () => {
    let current: Awaited<ReturnType<typeof create>> | undefined;
    const setup = () => current!;
    const subscriptions: EventSubscription[] = [];
    const consume = (group: string, deliver: (delivery: EventDelivery) => Promise<void>, options: ConsumeOptions = {}) => {
      const subscription = setup().transport.consume(group, deliver, { ...FAST, ...options });
      subscriptions.push(subscription);
      return subscription;
    };
    beforeEach(async () => {
      current = await create();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await current?.transport.close();
      await current?.dispose();
    });

    it('delivers published events in order, once, and acknowledges them', async () => {
      const { transport, pendingCount } = setup();
      const group = uniqueGroup('order');
      const events = [newEvent(), newEvent(), newEvent()];
      // Published before the group exists: a new group reads from the start of the stream.
      await transport.publish(events);
      const seen: EventDelivery[] = [];
      consume(group, async (delivery) => void seen.push(delivery));
      await vi.waitFor(() => expect(seen).toHaveLength(3), { timeout: 5_000 });
      expect(seen.map(eventIdOf)).toEqual(events.map((event) => event.id));
      expect(seen.map((delivery) => delivery.attempt)).toEqual([1, 1, 1]);
      expect(seen[0]!.raw).toEqual(events[0]);
      await vi.waitFor(async () => expect(await pendingCount(group)).toBe(0), { timeout: 5_000 });
    });

    it('shares the work of one group between its consumers, each event to one of them', async () => {
      const { transport } = setup();
      const group = uniqueGroup('shared');
      const byConsumer: Record<string, string[]> = { a: [], b: [] };
      const slowly = (consumer: string) => async (delivery: EventDelivery) => {
        byConsumer[consumer]!.push(eventIdOf(delivery));
        await new Promise((resolve) => setTimeout(resolve, 15));
      };
      consume(group, slowly('a'), { consumerName: 'a' });
      consume(group, slowly('b'), { consumerName: 'b' });
      const events = Array.from({ length: 30 }, newEvent);
      await transport.publish(events.slice(0, 1));
      await vi.waitFor(() => expect(byConsumer.a!.length + byConsumer.b!.length).toBe(1), { timeout: 5_000 });
      for (const event of events.slice(1)) {
        await transport.publish([event]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await vi.waitFor(() => expect(byConsumer.a!.length + byConsumer.b!.length).toBe(30), { timeout: 10_000 });
      expect([...byConsumer.a!, ...byConsumer.b!].sort()).toEqual(events.map((event) => event.id).sort());
      expect(byConsumer.a!.length).toBeGreaterThan(0);
      expect(byConsumer.b!.length).toBeGreaterThan(0);
    });

    it('gives every group every event', async () => {
      const { transport } = setup();
      const seen: Record<string, string[]> = { catalog: [], messaging: [] };
      for (const label of ['catalog', 'messaging']) consume(uniqueGroup(label), async (delivery) => void seen[label]!.push(eventIdOf(delivery)));
      const events = [newEvent(), newEvent()];
      await transport.publish(events);
      await vi.waitFor(() => expect(seen).toEqual({ catalog: events.map((e) => e.id), messaging: events.map((e) => e.id) }), { timeout: 5_000 });
    });

    it('redelivers a failed event after a backoff until the handler succeeds', async () => {
      const { transport, pendingCount } = setup();
      const group = uniqueGroup('retry');
      const attempts: number[] = [];
      consume(group, async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error(`transient failure ${attempt}`);
      });
      await transport.publish([newEvent()]);
      await vi.waitFor(() => expect(attempts).toEqual([1, 2, 3]), { timeout: 5_000 });
      await vi.waitFor(async () => expect(await pendingCount(group)).toBe(0), { timeout: 5_000 });
      expect((await setup().deadLetters()).filter((letter) => letter.group === group)).toEqual([]);
    });

    it('moves an event that keeps failing to the dead-letter stream after maxAttempts', async () => {
      const { transport, deadLetters, pendingCount } = setup();
      const group = uniqueGroup('poison');
      const attempts: number[] = [];
      consume(group, async ({ attempt }) => {
        attempts.push(attempt);
        throw new Error('handler bug');
      }, { maxAttempts: 3 });
      const event = newEvent();
      await transport.publish([event]);
      await vi.waitFor(async () => expect((await deadLetters()).filter((letter) => letter.group === group)).toHaveLength(1), { timeout: 5_000 });
      const [letter] = (await deadLetters()).filter((found) => found.group === group);
      expect(letter).toMatchObject({ deliveries: 3, reason: expect.stringContaining('handler bug'), raw: event });
      expect(attempts).toEqual([1, 2, 3]);
      expect(await pendingCount(group)).toBe(0);
    });

    it('keeps retrying through a dependency outage longer than maxAttempts, and dead-letters nothing', async () => {
      const { transport, pendingCount } = setup();
      const group = uniqueGroup('outage');
      const attempts: number[] = [];
      const outage = Object.assign(new Error('connect ECONNREFUSED'), { transient: true });
      consume(group, async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt <= 4) throw outage;
      }, { maxAttempts: 2, isTransientFailure: (error) => error === outage });
      await transport.publish([newEvent()]);
      await vi.waitFor(() => expect(attempts).toEqual([1, 2, 3, 4, 5]), { timeout: 10_000 });
      await vi.waitFor(async () => expect(await pendingCount(group)).toBe(0), { timeout: 5_000 });
      expect((await setup().deadLetters()).filter((letter) => letter.group === group)).toEqual([]);
    });

    it('dead-letters an invalid event at once, without calling a handler', async () => {
      const { transport, deadLetters } = setup();
      const handled: string[] = [];
      const consumer = defineEventConsumer<null>({
        name: uniqueGroup('strict'),
        handlers: { 'message.sent': async (event) => void handled.push(event.id) },
        runIdempotently: async (_consumer, _eventId, work) => {
          await work(null);
          return 'handled';
        },
      });
      subscriptions.push(startEventConsumer(consumer, transport, { ...FAST, logger: quiet }));
      const valid = newEvent();
      const invalid = { ...newEvent(), payload: { messageId: 'not-a-uuid' } } as unknown as DomainEvent;
      await transport.publish([invalid, valid]);
      await vi.waitFor(() => expect(handled).toEqual([valid.id]), { timeout: 5_000 });
      await vi.waitFor(async () => expect((await deadLetters()).filter((letter) => letter.group === consumer.name)).toHaveLength(1), { timeout: 5_000 });
      const [letter] = (await deadLetters()).filter((found) => found.group === consumer.name);
      expect(letter).toMatchObject({ deliveries: 1, reason: expect.stringMatching(/UndeliverableEventError: message.sent@1 payload: messageId/) });
    });

    it('starts a process group at the end of the stream and destroys it when its consumer stops', async () => {
      const { transport, groupNames } = setup();
      const group = uniqueGroup('gateway-answers');
      await transport.publish([newEvent()]);
      const seen: string[] = [];
      const subscription = consume(group, async (delivery) => void seen.push(eventIdOf(delivery)), { processGroup: true });
      await vi.waitFor(async () => expect(await groupNames()).toContain(group), { timeout: 5_000 });
      const later = newEvent();
      await transport.publish([later]);
      await vi.waitFor(() => expect(seen).toEqual([later.id]), { timeout: 5_000 });
      await subscription.stop();
      expect(await groupNames()).not.toContain(group);
    });

    it("lets another consumer take over an event whose consumer died before acknowledging it", async () => {
      const { transport, pendingCount } = setup();
      const group = uniqueGroup('crash');
      let started!: () => void;
      const inHandler = new Promise<void>((resolve) => (started = resolve));
      // The first consumer reads the event and never finishes: stopping it abandons the delivery, as a crash would.
      const doomed = consume(group, async () => {
        started();
        await new Promise(() => {});
      }, { consumerName: 'doomed', drainTimeoutMs: 0 });
      const event = newEvent();
      await transport.publish([event]);
      await inHandler;
      await doomed.stop();
      expect(await pendingCount(group)).toBe(1);

      const rescued: EventDelivery[] = [];
      consume(group, async (delivery) => void rescued.push(delivery), { consumerName: 'survivor' });
      await vi.waitFor(() => expect(rescued.map(eventIdOf)).toEqual([event.id]), { timeout: 5_000 });
      expect(rescued[0]!.attempt).toBe(2);
      await vi.waitFor(async () => expect(await pendingCount(group)).toBe(0), { timeout: 5_000 });
    });
  });
}
