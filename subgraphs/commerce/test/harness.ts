import { applyMigrations, countStatements, type StatementCounter } from '@threadly/database';
import type { DemoData } from '@threadly/demo-data';
import { signViewer, type ViewerRole } from '@threadly/identity-headers';
import type { EventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { serveSubgraph, type ServedSubgraph } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { createCommerceSubgraph } from '../src/create-commerce-subgraph.ts';
import { createCommercePrisma, type CommercePrisma } from '../src/database.ts';

const secret = 'commerce-test-secret-'.padEnd(40, 'x');

export interface GraphQLErrorBody {
  message: string;
  extensions: { code: string; field?: string };
}

export interface GraphQLResponse<Data> {
  status: number;
  data: Data | null | undefined;
  errors: GraphQLErrorBody[] | undefined;
}

export interface CommerceHarness {
  database: TestDatabase;
  server: ServedSubgraph;
  statements: StatementCounter;
  /** A Prisma client of its own, for assertions the API cannot make. */
  prisma: CommercePrisma;
  graphql<Data>(query: string, variables?: Record<string, unknown>, viewer?: string): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

export const as = (userId: string, role: ViewerRole = 'BUYER') => signViewer({ userId, role }, secret);

/**
 * A fresh database, migrated and seeded with `data`, and the commerce subgraph serving it on a free port; with
 * `events`, its outbox relay and consumers (the subscription publisher included) run on that transport.
 */
export async function startCommerce(data: DemoData, options: { events?: EventTransport } = {}): Promise<CommerceHarness> {
  const database = await createTestDatabase();
  // Before anything connects: the counter hooks new connections.
  const statements = countStatements(database.pool);
  const logger = createLogger('commerce-test', 'silent');
  const definition = createCommerceSubgraph({ pool: database.pool, identitySecret: secret, logger });
  await applyMigrations(database.pool, definition.databaseSchema, definition.migrationsDir);
  await definition.seedDemoData(data);
  const server = await serveSubgraph(definition, {
    pool: database.pool,
    logger,
    port: 0,
    production: false,
    migrate: false,
    seedWhenEmpty: false,
    events: options.events,
  });
  const prisma = createCommercePrisma(database.pool);
  return {
    database,
    server,
    statements,
    prisma,
    async graphql<Data>(query: string, variables: Record<string, unknown> = {}, viewer?: string) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(viewer ? { 'x-threadly-viewer': viewer } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Data | null; errors?: GraphQLErrorBody[] };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    async close() {
      await server.stop();
      await definition.close();
      await prisma.$disconnect();
      await database.close();
    },
  };
}
