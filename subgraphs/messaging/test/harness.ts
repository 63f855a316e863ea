import { randomUUID } from 'node:crypto';
import { applyMigrations, countStatements, type Pool, type StatementCounter } from '@threadly/database';
import type { DemoConversation, DemoConversationParticipant, DemoData, DemoMessage } from '@threadly/demo-data';
import { signViewer, VIEWER_HEADER, type ViewerRole } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer, type SubgraphServer } from '@threadly/subgraph-runtime';
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
  server: SubgraphServer;
  definition: ReturnType<typeof createMessagingSubgraph>;
  /** POSTs an operation as `actor` (anonymous when omitted). */
  gql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, actor?: Actor): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
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

/** A fresh database with messaging migrated and `data` seeded, served on a free port. */
export async function startHarness(data: DemoData, products: ProductDirectory): Promise<Harness> {
  const db = await createTestDatabase();
  // Before the first query, so every connection the pool opens is counted.
  const counter = countStatements(db.pool);
  const definition = createMessagingSubgraph({ pool: db.pool, identitySecret: SECRET, catalogUrl: 'http://127.0.0.1:9/graphql', products });
  await applyMigrations(db.pool, definition.databaseSchema, definition.migrationsDir);
  await definition.seedDemoData(data);
  const server = await startSubgraphServer(definition, {
    port: 0,
    production: false,
    logger: createLogger('test', 'silent'),
    checkReady: async () => {
      await db.pool.query('SELECT 1');
    },
  });
  return {
    db,
    pool: db.pool,
    counter,
    server,
    definition,
    async gql(query, variables = {}, actor) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (actor) headers[VIEWER_HEADER] = signViewer(actor, SECRET);
      const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as never;
    },
    async close() {
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
