import { randomUUID } from 'node:crypto';
import { applyMigrations, countStatements, type Pool, type StatementCounter } from '@threadly/database';
import type { DemoConversation, DemoConversationParticipant, DemoData, DemoMessage } from '@threadly/demo-data';
import { signViewer, VIEWER_HEADER, type ViewerRole } from '@threadly/identity-headers';
import type { EventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { serveSubgraph, type ServedSubgraph } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { createMessagingSubgraph } from '../src/index.ts';
import type { ProductDirectory } from '../src/services/catalog-client.ts';

export const SECRET = 'messaging-test-identity-secret-at-least-32-chars';

export interface Actor {
  userId: string;
  role: ViewerRole;
}

export interface GraphQLResult<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string } }>;
}

export interface Harness {
  db: TestDatabase;
  pool: Pool;
  counter: StatementCounter;
  server: ServedSubgraph;
  definition: ReturnType<typeof createMessagingSubgraph>;
  /** POSTs an operation as `actor` (anonymous when omitted). */
  gql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, actor?: Actor): Promise<GraphQLResult<Data>>;
  /** Another messaging instance on the same database, as a second replica would run. */
  startReplica(options?: HarnessOptions): Promise<Replica>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Runs the outbox relay and consumers (the subscription publisher included) on this transport. */
  events?: EventTransport;
  /** Subscription fan-out (Redis pub/sub when `redisUrl` is given). */
  realtime?: { redisUrl?: string; channelPrefix?: string };
}

export interface Replica {
  server: ServedSubgraph;
  gql: Harness['gql'];
  close(): Promise<void>;
}

/** POSTs an operation to a subgraph as `actor`, signing the viewer header as the gateway does. */
export async function postGraphQL<Data>(url: string, query: string, variables: Record<string, unknown> = {}, actor?: Actor): Promise<GraphQLResult<Data>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor) headers[VIEWER_HEADER] = signViewer(actor, SECRET);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResult<Data>;
}

export const emptyDemoData = (): DemoData => ({
  users: [], categories: [], products: [], productImages: [], favorites: [], carts: [], cartItems: [],
  orders: [], orderItems: [], orderStatusChanges: [], conversations: [], conversationParticipants: [], messages: [],
});

/** A fake catalog: product id → seller id. */
export const fakeDirectory = (sellers: Map<string, string>): ProductDirectory & { calls: string[] } => {
  const calls: string[] = [];
  return { calls, sellerOf: async (productId) => (calls.push(productId), sellers.get(productId) ?? null) };
};

/** Messaging on `pool` (already migrated), served on a free port, with its events on `options.events` if given. */
async function serveMessaging(pool: Pool, products: ProductDirectory, options: HarnessOptions) {
  const definition = createMessagingSubgraph({
    pool,
    identitySecret: SECRET,
    catalogUrl: 'http://127.0.0.1:9/graphql',
    products,
    realtime: options.realtime,
    logger: createLogger('test', 'silent'),
  });
  const server = await serveSubgraph(definition, {
    pool,
    logger: createLogger('test', 'silent'),
    port: 0,
    production: false,
    migrate: false,
    seedWhenEmpty: false,
    events: options.events,
  });
  return { definition, server };
}

/** A fresh database with messaging migrated and `data` seeded, served on a free port. */
export async function startHarness(data: DemoData, products: ProductDirectory, options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  // Before the first query, so every connection the pool opens is counted.
  const counter = countStatements(db.pool);
  const migrations = createMessagingSubgraph({ pool: db.pool, identitySecret: SECRET, catalogUrl: 'http://127.0.0.1:9/graphql', products });
  await applyMigrations(db.pool, migrations.databaseSchema, migrations.migrationsDir);
  await migrations.seedDemoData(data);
  await migrations.close();
  const { definition, server } = await serveMessaging(db.pool, products, options);
  const replicas: Replica[] = [];
  return {
    db,
    pool: db.pool,
    counter,
    server,
    definition,
    gql: (query, variables, actor) => postGraphQL(server.url, query, variables, actor),
    async startReplica(replicaOptions = {}) {
      const replica = await serveMessaging(db.pool, products, replicaOptions);
      let stopped: Promise<void> | undefined;
      const handle: Replica = {
        server: replica.server,
        gql: (query, variables, actor) => postGraphQL(replica.server.url, query, variables, actor),
        close: () =>
          (stopped ??= (async () => {
            await replica.server.stop();
            await replica.definition.close();
          })()),
      };
      replicas.push(handle);
      return handle;
    },
    async close() {
      for (const replica of replicas) await replica.close();
      await server.stop();
      await definition.close();
      await db.close();
    },
  };
}

/** Builds conversations with messages one minute apart; `at` is the first message's time. */
export class FixtureBuilder {
  readonly data = emptyDemoData();

  conversation(input: { productId: string; buyerId: string; sellerId: string; at: Date; messages: Array<[senderId: string, body: string]>; readBy?: Record<string, Date | null> }) {
    const id = randomUUID();
    const times = input.messages.map((_, index) => new Date(input.at.getTime() + index * 60_000));
    const last = times.at(-1) ?? input.at;
    const conversation: DemoConversation = {
      id, productId: input.productId, buyerId: input.buyerId, sellerId: input.sellerId,
      lastMessageAt: last, createdAt: input.at, updatedAt: last,
    };
    const messages: DemoMessage[] = input.messages.map(([senderId, body], index) => ({
      id: randomUUID(), conversationId: id, senderId, body, createdAt: times[index] ?? input.at, readAt: null,
    }));
    const participants: DemoConversationParticipant[] = [input.buyerId, input.sellerId].map((userId) => ({
      conversationId: id, userId, lastReadAt: input.readBy?.[userId] ?? null, updatedAt: last,
    }));
    this.data.conversations.push(conversation);
    this.data.messages.push(...messages);
    this.data.conversationParticipants.push(...participants);
    return { ...conversation, messages };
  }
}

/** The first error's code (and field), for compact assertions. */
export const errorOf = (result: GraphQLResult<unknown>) => ({
  code: result.errors?.[0]?.extensions?.code,
  field: result.errors?.[0]?.extensions?.field,
});
