import type { BaseContext } from '@apollo/server';
import { applyMigrations, type Pool } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import type { EventTransport } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import type { SubgraphDefinition } from './subgraph-definition.ts';
import { startSubgraphEvents, type SubgraphEvents } from './subgraph-events.ts';
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
  /** Where the subgraph's outbox is published and its consumer reads; without it, no events flow. */
  events?: EventTransport;
}

export interface ServedSubgraph extends SubgraphServer {
  /** The subgraph's relay and consumer, when `events` was given. */
  events: SubgraphEvents | undefined;
  /** Stops taking requests, then stops its consumer and publishes what is left in its outbox. */
  stop(): Promise<void>;
}

/**
 * Migrates, seeds when asked, serves one subgraph and runs its side of the event backbone: what both `main.ts`
 * and the all-in-one start do.
 */
export async function serveSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: ServeSubgraphOptions,
): Promise<ServedSubgraph> {
  const { pool, logger } = options;
  if (options.migrate) {
    const report = await applyMigrations(pool, definition.databaseSchema, definition.migrationsDir);
    logger.info({ applied: report.applied, alreadyApplied: report.alreadyApplied }, 'migrations up to date');
  }
  if (options.seedWhenEmpty && !(await definition.hasData())) {
    const { rows } = await definition.seedDemoData(generateDemoData());
    logger.info({ rows }, 'demo data loaded');
  }
  const server = await startSubgraphServer(definition, {
    port: options.port,
    host: options.host,
    production: options.production,
    logger,
    checkReady: async () => {
      await pool.query('SELECT 1');
    },
  });
  const events = options.events ? startSubgraphEvents(definition, { pool, transport: options.events, logger }) : undefined;
  return {
    url: server.url,
    subscriptions: server.subscriptions,
    events,
    stop: async () => {
      await server.stop();
      await events?.stop();
    },
  };
}
