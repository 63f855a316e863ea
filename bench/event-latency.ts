// Event delivery latency from commit to consumer: catalog commits listing edits with their `product.updated` in its
// outbox at a steady rate; its relay publishes them; a consumer in another subgraph's database (messaging's, with
// its ProcessedEvent table) handles each exactly once. Measured from the producer's commit returning to the
// consumer's transaction committing, over Redis Streams (when REDIS_URL is set) and the in-process transport.
// Usage: DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/event-latency.ts [--events 2000] [--rate 200]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { applyMigrations } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import {
  appendToOutbox,
  createMemoryEventTransport,
  createOutboxSignal,
  createPrismaRunIdempotently,
  createRedisStreamTransport,
  defineEventConsumer,
  startEventConsumer,
  startOutboxRelay,
  type EventTransport,
} from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { createTestDatabase, testEnv, type TestDatabase } from '@threadly/testing';
import { createCatalogPrisma } from '../subgraphs/catalog/src/database.ts';
import { productUpdatedEvents } from '../subgraphs/catalog/src/events/product-events.ts';
import { seedCatalog } from '../subgraphs/catalog/src/seed.ts';
import { createMessagingPrisma } from '../subgraphs/messaging/src/database.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '2000' }, rate: { type: 'string', default: '200' } } });
const total = Number(values.events);
const perSecond = Number(values.rate);
const quiet = createLogger('bench', 'silent');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(label: string, database: TestDatabase, transport: EventTransport) {
  const catalog = createCatalogPrisma(database.pool);
  const messaging = createMessagingPrisma(database.pool);
  const productIds = (await catalog.product.findMany({ select: { id: true }, take: 200 })).map((product) => product.id);
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastHandledAt = 0;
  let allHandled!: () => void;
  const done = new Promise<void>((resolve) => (allHandled = resolve));

  const group = `bench-${randomUUID().slice(0, 8)}`;
  const runIdempotently = createPrismaRunIdempotently(messaging);
  const consumer = startEventConsumer(
    defineEventConsumer({
      name: group,
      handlers: { 'product.updated': async () => {} },
      runIdempotently: async (name, eventId, work) => {
        const outcome = await runIdempotently(name, eventId, work);
        const started = committedAt.get(eventId);
        if (outcome === 'handled' && started !== undefined) {
          lastHandledAt = performance.now();
          latencies.push(lastHandledAt - started);
          if (latencies.length === total) allHandled();
        }
        return outcome;
      },
    }),
    transport,
    { logger: quiet },
  );
  const signal = createOutboxSignal();
  const relay = startOutboxRelay({ pool: database.pool, schema: 'catalog', transport, logger: quiet });
  const stopListening = signal.onPoke(() => relay.poke());

  const intervalMs = 1000 / perSecond;
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = productIds[i % productIds.length]!;
    const eventId = await catalog.$transaction(async (tx) => {
      const product = await tx.product.update({ where: { id }, data: { title: `Bench ${i}` } });
      const [event] = productUpdatedEvents(product, ['title']);
      await appendToOutbox(tx, [event!]);
      return event!.id;
    });
    committedAt.set(eventId, performance.now());
    signal.poke();
  }
  const committedIn = performance.now() - start;
  await done;
  stopListening();
  await consumer.stop();
  await relay.stop();
  await catalog.$disconnect();
  await messaging.$disconnect();

  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(16)} ${String(total).padStart(6)} events  committed at ${(total / (committedIn / 1000)).toFixed(0)}/s  ` +
      `delivered ${(total / ((lastHandledAt - start) / 1000)).toFixed(0)}/s  ` +
      `p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted.at(-1)!)}`,
  );
}

const env = testEnv();
console.log(`event latency, commit → handled: ${total} events at ${perSecond}/s (${env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PGlite'})`);
const database = await createTestDatabase();
try {
  for (const [schema, dir] of [['catalog', 'catalog'], ['messaging', 'messaging']] as const) {
    await applyMigrations(database.pool, schema, fileURLToPath(new URL(`../subgraphs/${dir}/prisma/migrations`, import.meta.url)));
  }
  await seedCatalog(createCatalogPrisma(database.pool), generateDemoData({ users: 10, products: 200 }));
  if (env.REDIS_URL) {
    const stream = `threadly:bench:${randomUUID().slice(0, 8)}`;
    const redis = createRedisStreamTransport({ url: env.REDIS_URL, stream, logger: quiet });
    try {
      await measure('Redis Streams', database, redis);
    } finally {
      await redis.close();
      const { Redis } = await import('ioredis');
      const cleanup = new Redis(env.REDIS_URL);
      await cleanup.del(stream, `${stream}:dead`);
      cleanup.disconnect();
    }
  } else {
    console.log('REDIS_URL is not set: Redis Streams skipped');
  }
  const memory = createMemoryEventTransport();
  await measure('in-process', database, memory);
  await memory.close();
} finally {
  await database.close();
}
