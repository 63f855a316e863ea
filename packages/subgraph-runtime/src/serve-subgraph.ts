import type { BaseContext } from '@apollo/server';
import { applyMigrations, type Pool } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import type { Logger } from '@threadly/logger';
import type { SubgraphDefinition } from './subgraph-definition.ts';
import { startSubgraphServer, type SubgraphServer } from './subgraph-server.ts';

export interface ServeSubgraphOptions {
  pool: Pool;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
  /** Apply pending migrations first (safe with several replicas: the runner takes an advisory lock). */
  migrate: boolean;
  /** Load the demo data when the subgraph's tables are empty. */
  seedWhenEmpty: boolean;
}

/** Migrates, seeds when asked, and serves one subgraph: what both `main.ts` and the all-in-one start do. */
export async function serveSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: ServeSubgraphOptions,
): Promise<SubgraphServer> {
  const { pool, logger } = options;
  if (options.migrate) {
    const report = await applyMigrations(pool, definition.databaseSchema, definition.migrationsDir);
    logger.info({ applied: report.applied, alreadyApplied: report.alreadyApplied }, 'migrations up to date');
  }
  if (options.seedWhenEmpty && !(await definition.hasData())) {
    const { rows } = await definition.seedDemoData(generateDemoData());
    logger.info({ rows }, 'demo data loaded');
  }
  return startSubgraphServer(definition, {
    port: options.port,
    host: options.host,
    production: options.production,
    logger,
    checkReady: async () => {
      await pool.query('SELECT 1');
    },
  });
}
