// Nothing is lost and nothing happens twice when the relay or a consumer dies at the worst moment, on real
// PostgreSQL, over Redis Streams and over the in-process transport. Catalog is the producer (listing edits with
// their outbox rows, committed together) and a test consumer in another group records an effect per event in
// catalog's database with the real Prisma idempotency (ProcessedEvent row + effect in one transaction). The effect
// table has no unique key: a second handling of any event would show as a second row.
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '@threadly/event-contracts';
import { applyMigrations } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import {
  appendToOutbox,
  createMemoryEventTransport,
  createPrismaRunIdempotently,
  createRedisStreamTransport,
  defineEventConsumer,
  startEventConsumer,
  startOutboxRelay,
  type EventSubscription,
  type EventTransport,
  type OutboxRelay,
  type RunIdempotently,
} from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, serverUnavailableReason, testEnv, type TestDatabase } from '@threadly/testing';
import { createCatalogPrisma, type CatalogPrisma } from '../src/database.ts';
import { productUpdatedEvents } from '../src/events/product-events.ts';
import type { Prisma } from '../src/generated/prisma/client.ts';
import { seedCatalog } from '../src/seed.ts';

type CatalogTx = Prisma.TransactionClient;
const quiet = createLogger('crash-test', 'silent');
const postgresSkip = serverUnavailableReason('postgres');
const redisSkip = serverUnavailableReason('redis');
const FAST = { backoffBaseMs: 20, backoffMaxMs: 100, claimIdleMs: 300 };

let database: TestDatabase;
let prisma: CatalogPrisma;
let productIds: string[];
let inspector: Redis | undefined;

beforeAll(async () => {
  if (postgresSkip) return;
  database = await createTestDatabase();
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createCatalogPrisma(database.pool);
  const data = generateDemoData({ users: 6, products: 150 });
  await seedCatalog(prisma, data);
  productIds = data.products.map((product) => product.id);
  await database.pool.query(`CREATE TABLE catalog."CrashTestEffect" ("eventId" uuid NOT NULL, consumer text NOT NULL)`);
  if (!redisSkip) inspector = new Redis(testEnv().REDIS_URL!);
}, 120_000);
afterAll(async () => {
  inspector?.disconnect();
  await prisma?.$disconnect();
  await database?.close();
});

/** Edits `count` listings, each in its own transaction with its `product.updated` in the outbox; returns the event ids. */
async function commitEdits(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (const id of productIds.splice(0, count)) {
    await prisma.$transaction(async (tx) => {
      const product = await tx.product.update({ where: { id }, data: { title: `Edited ${randomUUID().slice(0, 6)}` } });
      const events = productUpdatedEvents(product, ['title']);
      await appendToOutbox(tx, events);
      ids.push(...events.map((event) => event.id));
    });
  }
  return ids;
}

/** A consumer whose handler records one effect row per handling; `wrap` lets a test interfere after the commit. */
function effectConsumer(group: string, wrap: (run: RunIdempotently<CatalogTx>) => RunIdempotently<CatalogTx> = (run) => run) {
  return defineEventConsumer<CatalogTx>({
    name: group,
    handlers: {
      'product.updated': async (event, tx) => {
        await tx.$executeRaw`INSERT INTO catalog."CrashTestEffect" ("eventId", consumer) VALUES (${event.id}::uuid, ${group})`;
      },
    },
    runIdempotently: wrap(createPrismaRunIdempotently(prisma)),
  });
}

const count = async (sql: string, params: unknown[]) => (await database.pool.query<{ n: number }>(sql, params)).rows[0]!.n;
const effectsPerEvent = async (group: string) =>
  (await database.pool.query<{ eventId: string; n: number }>(
    `SELECT "eventId", count(*)::int AS n FROM catalog."CrashTestEffect" WHERE consumer = $1 GROUP BY "eventId"`,
    [group],
  )).rows;
const processedCount = (group: string) => count(`SELECT count(*)::int AS n FROM catalog."ProcessedEvent" WHERE consumer = $1`, [group]);

interface Setup {
  transport: EventTransport;
  pendingCount(group: string): Promise<number>;
  dispose(): Promise<void>;
}

const transports: Array<[string, string | null, () => Setup]> = [
  [
    'Redis Streams',
    redisSkip,
    () => {
      const stream = `threadly:test:crash:${process.pid}:${randomUUID().slice(0, 8)}`;
      const transport = createRedisStreamTransport({ url: testEnv().REDIS_URL!, stream, logger: quiet, blockMs: 200 });
      return {
        transport,
        pendingCount: async (group) => Number(((await inspector!.xpending(stream, group)) as [number])[0]),
        dispose: async () => void (await inspector!.del(stream, transport.names.deadLetters)),
      };
    },
  ],
  [
    'in-process',
    null,
    () => {
      const transport = createMemoryEventTransport();
      return { transport, pendingCount: async (group) => transport.pendingCount(group), dispose: async () => {} };
    },
  ],
];

describe.skipIf(postgresSkip !== null)(`event delivery through crashes (PostgreSQL)${postgresSkip ? ` — skipped: ${postgresSkip}` : ''}`, () => {
  describe.each(transports)('over %s', (name, skip, create) => {
    let setup: Setup;
    const running: Array<OutboxRelay | EventSubscription> = [];
    const uniqueGroup = (label: string) => `${label}-${name.replace(/\W/g, '')}-${randomUUID().slice(0, 6)}`;

    // A stream of its own for each test: a new consumer group reads its stream from the start.
    beforeEach(() => {
      if (!skip) setup = create();
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((part) => part.stop()));
      await setup?.transport.close();
      await setup?.dispose();
    });

    it.skipIf(skip !== null)('a relay killed between publishing and marking published: the next relay publishes again, consumers apply each event once', async () => {
      const group = uniqueGroup('relay-crash');
      const outcomes: string[] = [];
      running.push(
        startEventConsumer(
          effectConsumer(group, (run) => async (consumer, eventId, work) => {
            const outcome = await run(consumer, eventId, work);
            outcomes.push(outcome);
            return outcome;
          }),
          setup.transport,
          { ...FAST, logger: quiet },
        ),
      );
      const eventIds = await commitEdits(20);

      // The doomed relay publishes the batch, then dies before its UPDATE … publishedAt commits.
      let killedAfterPublishing!: () => void;
      const killed = new Promise<void>((resolve) => (killedAfterPublishing = resolve));
      const doomed = startOutboxRelay({
        pool: database.pool,
        schema: 'catalog',
        transport: setup.transport,
        logger: quiet,
        pollIntervalMs: 20,
        beforeMarkPublished: async (events: DomainEvent[]) => {
          if (events.some((event) => eventIds.includes(event.id))) killedAfterPublishing();
          throw new Error('relay process killed');
        },
      });
      await killed;
      await doomed.stop();
      expect(await count(`SELECT count(*)::int AS n FROM catalog."OutboxEvent" WHERE id = ANY($1::uuid[]) AND "publishedAt" IS NULL`, [eventIds])).toBe(20);
      // Its consumers already got (some of) the first copy:
      await vi.waitFor(() => expect(outcomes.length).toBeGreaterThan(0), { timeout: 10_000 });

      const restarted = startOutboxRelay({ pool: database.pool, schema: 'catalog', transport: setup.transport, logger: quiet, pollIntervalMs: 20 });
      running.push(restarted);
      // Every event arrived at least twice (one copy per publication); each was handled once, the rest were duplicates.
      await vi.waitFor(() => expect(outcomes.filter((outcome) => outcome === 'duplicate').length).toBeGreaterThanOrEqual(20), { timeout: 15_000 });
      expect(outcomes.filter((outcome) => outcome === 'handled')).toHaveLength(20);
      expect(await count(`SELECT count(*)::int AS n FROM catalog."OutboxEvent" WHERE id = ANY($1::uuid[]) AND "publishedAt" IS NULL`, [eventIds])).toBe(0);
      expect(await processedCount(group)).toBe(20);
      const effects = await effectsPerEvent(group);
      expect(effects.map((effect) => effect.eventId).sort()).toEqual([...eventIds].sort());
      expect(effects.every((effect) => effect.n === 1)).toBe(true);
      await vi.waitFor(async () => expect(await setup.pendingCount(group)).toBe(0), { timeout: 10_000 });
    });

    it.skipIf(skip !== null)('a consumer killed between its commit and the acknowledgement: another replica takes the event over and applies nothing twice', async () => {
      const group = uniqueGroup('consumer-crash');
      running.push(startOutboxRelay({ pool: database.pool, schema: 'catalog', transport: setup.transport, logger: quiet, pollIntervalMs: 20 }));
      let committed!: (eventId: string) => void;
      const firstCommit = new Promise<string>((resolve) => (committed = resolve));
      // Replica A commits its first event's effect and ProcessedEvent row, then "dies" before returning to the ack.
      const doomed = startEventConsumer(
        effectConsumer(group, (run) => async (consumer, eventId, work) => {
          await run(consumer, eventId, work);
          committed(eventId);
          return new Promise<never>(() => {});
        }),
        setup.transport,
        { ...FAST, logger: quiet, consumerName: 'replica-a', drainTimeoutMs: 0 },
      );
      const eventIds = await commitEdits(5);
      const victim = await firstCommit;
      await doomed.stop();
      expect(await setup.pendingCount(group)).toBeGreaterThan(0);

      const outcomes = new Map<string, string[]>();
      running.push(
        startEventConsumer(
          effectConsumer(group, (run) => async (consumer, eventId, work) => {
            const outcome = await run(consumer, eventId, work);
            outcomes.set(eventId, [...(outcomes.get(eventId) ?? []), outcome]);
            return outcome;
          }),
          setup.transport,
          { ...FAST, logger: quiet, consumerName: 'replica-b' },
        ),
      );
      await vi.waitFor(async () => expect(await setup.pendingCount(group)).toBe(0), { timeout: 15_000 });
      // Replica B got the victim again after the claim timeout, and found it already processed.
      expect(outcomes.get(victim)).toEqual(['duplicate']);
      expect(await processedCount(group)).toBe(5);
      const effects = await effectsPerEvent(group);
      expect(effects.map((effect) => effect.eventId).sort()).toEqual([...eventIds].sort());
      expect(effects.every((effect) => effect.n === 1)).toBe(true);
    });

    it.skipIf(skip !== null)('relay replicas running side by side publish each event once (FOR UPDATE SKIP LOCKED)', async () => {
      const published: string[] = [];
      const counting: EventTransport = { ...setup.transport, publish: async (events) => {
        published.push(...events.map((event) => event.id));
        await setup.transport.publish(events);
      } };
      const eventIds = await commitEdits(30);
      const replicas = [1, 2, 3].map(() => startOutboxRelay({ pool: database.pool, schema: 'catalog', transport: counting, logger: quiet, pollIntervalMs: 5, batchSize: 4 }));
      running.push(...replicas);
      await vi.waitFor(async () => expect(await count(`SELECT count(*)::int AS n FROM catalog."OutboxEvent" WHERE "publishedAt" IS NULL`, [])).toBe(0), { timeout: 10_000 });
      expect(published.filter((id) => eventIds.includes(id)).sort()).toEqual([...eventIds].sort());
    });
  });
});
