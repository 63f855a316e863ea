import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '@threadly/event-contracts';
import { applyMigrations, type Pool } from '@threadly/database';
import { generateDemoData, type DemoData } from '@threadly/demo-data';
import { createMemoryEventTransport, type MemoryEventTransport } from '@threadly/events';
import { signViewer, VIEWER_HEADER, type Viewer } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { serveSubgraph, type ServedSubgraph } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { createCatalogSubgraph } from '../../src/index.ts';
import { createCatalogPrisma, type CatalogPrisma } from '../../src/database.ts';
import type { CatalogSearchSettings } from '../../src/search/create-search.ts';
import type { GraphQLResult } from '../harness.ts';

const SECRET = 'catalog-search-test-secret-at-least-32-characters';

/**
 * The catalog subgraph with its whole event side running (outbox relay, catalog's consumer, the search indexer)
 * on an in-process transport, on a throwaway database with a small demo catalog, searching with `settings`.
 */
export interface SearchHarness {
  pool: Pool;
  prisma: CatalogPrisma;
  data: DemoData;
  request<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResult<Data>>;
  /** Publishes as another subgraph would (commerce's order events, identity's user.deleted). */
  publish(events: DomainEvent[]): Promise<void>;
  /** Waits until every outbox row is published and every event handled, including the events handlers wrote. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startSearchHarness(settings: CatalogSearchSettings): Promise<SearchHarness> {
  const database: TestDatabase = await createTestDatabase();
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../../prisma/migrations', import.meta.url)));
  const logger = createLogger('search-test', 'silent');
  const transport: MemoryEventTransport = createMemoryEventTransport({ logger });
  const definition = createCatalogSubgraph({ pool: database.pool, identitySecret: SECRET, search: settings, logger });
  const data = generateDemoData({ users: 12, products: 150 });
  await definition.seedDemoData(data);
  const served: ServedSubgraph = await serveSubgraph(definition, {
    pool: database.pool,
    logger,
    port: 0,
    production: false,
    migrate: false,
    seedWhenEmpty: false,
    events: transport,
  });
  const prisma = createCatalogPrisma(database.pool);
  const outboxRows = async () => Number((await database.pool.query('SELECT count(*) AS n FROM catalog."OutboxEvent"')).rows[0].n);
  const settle = async () => {
    // A handled event may write new outbox rows (a paid order sells products), which the relay publishes when
    // poked: repeat until a round leaves the outbox as it found it, everything published and handled.
    let before = -1;
    for (let round = 0; round < 20; round += 1) {
      await served.events!.flush();
      await transport.settle(10_000);
      const after = await outboxRows();
      if (after === before) return;
      before = after;
    }
  };
  return {
    pool: database.pool,
    prisma,
    data,
    async request(query, variables = {}, viewer) {
      const response = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': randomUUID(), ...(viewer ? { [VIEWER_HEADER]: signViewer(viewer, SECRET) } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult<never>;
    },
    publish: (events) => transport.publish(events),
    settle,
    async close() {
      await served.stop();
      await transport.close();
      await definition.close();
      await prisma.$disconnect();
      await database.close();
    },
  };
}
