import { fileURLToPath } from 'node:url';
import { applyMigrations, countStatements, type Pool, type StatementCounter } from '@threadly/database';
import { generateDemoData, type DemoData } from '@threadly/demo-data';
import { signViewer, VIEWER_HEADER, type Viewer } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer, type SubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { createCatalogSubgraph } from '../src/index.ts';

export const SECRET = 'catalog-test-secret-at-least-32-characters-long';

export interface GraphQLResult<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** A migrated, seeded catalog subgraph on a throwaway database, and a client to POST GraphQL to it. */
export interface CatalogHarness {
  /** The subgraph's GraphQL URL; its internal routes sit beside it. */
  url: string;
  pool: Pool;
  statements: StatementCounter;
  data: DemoData;
  /** Loads the demo data again (it must change nothing). */
  reseed(): Promise<{ rows: number }>;
  hasData(): Promise<boolean>;
  request<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
}

export async function startCatalog(): Promise<CatalogHarness> {
  const database: TestDatabase = await createTestDatabase();
  // Attached before the pool's first connection, so every statement is seen.
  const statements = countStatements(database.pool);
  await applyMigrations(database.pool, 'catalog', fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  const definition = createCatalogSubgraph({ pool: database.pool, identitySecret: SECRET });
  const data = generateDemoData({ users: 12, products: 150 });
  await definition.seedDemoData(data);
  const server: SubgraphServer = await startSubgraphServer(definition, {
    port: 0,
    production: false,
    logger: createLogger('test', 'silent'),
    checkReady: async () => {
      await database.pool.query('SELECT 1');
    },
  });
  return {
    url: server.url,
    pool: database.pool,
    statements,
    data,
    reseed: () => definition.seedDemoData(data),
    hasData: () => definition.hasData(),
    async request(query, variables = {}, viewer) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(viewer ? { [VIEWER_HEADER]: signViewer(viewer, SECRET) } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult<never>;
    },
    async close() {
      await server.stop();
      await definition.close();
      await database.close();
    },
  };
}

/** The error's code, for `expect(codeOf(result)).toBe('NOT_FOUND')`. */
export const codeOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions?.code;
export const fieldOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions?.field;
