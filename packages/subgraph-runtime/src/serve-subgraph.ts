import type { BaseContext } from '@apollo/server';
import { applyMigrations, type Pool } from '@threadly/database';
import { generateDemoData } from '@threadly/demo-data';
import type { EventTransport, OutboxRelayOptions } from '@threadly/events';
import type { Logger } from '@threadly/logger';
import { registerOutboxMetrics } from './metrics/outbox-metrics.ts';
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
  /**
   * The pool migrations run on when it is not `pool`: a direct connection (DATABASE_DIRECT_URL) when `pool` goes
   * through a transaction-mode pooler, which would lend each statement a different session and so lose the
   * migration lock and search_path between statements.
   */
  migrationPool?: Pool;
  /** Load the demo data when the subgraph's tables are empty. */
  seedWhenEmpty: boolean;
  /** Where the subgraph's outbox is published and its consumer reads; without it, no events flow. */
  events?: EventTransport;
  /** The outbox relay's pace (poll interval, batch size); its defaults otherwise (see @threadly/events). */
  outboxRelay?: Pick<OutboxRelayOptions, 'pollIntervalMs' | 'batchSize'>;
  /** Database operations slower than this are counted and logged (SLOW_QUERY_MS); default 500. */
  slowQueryMs?: number;
  /** CPU, memory, event loop and GC in `/metrics` (a subgraph in its own process). */
  processMetrics?: boolean;
}

export interface ServedSubgraph extends SubgraphServer {
  /** The subgraph's relay and consumer, when `events` was given. */
  events: SubgraphEvents | undefined;
  /** Stops taking requests, then its background work and its consumer, and publishes what is left in its outbox. */
  stop(): Promise<void>;
}

/**
 * Migrates, seeds when asked, serves one subgraph, runs its side of the event backbone and then its background work:
 * what both `main.ts` and the all-in-one start do.
 */
export async function serveSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: ServeSubgraphOptions,
): Promise<ServedSubgraph> {
  const { pool, logger } = options;
  if (options.migrate) {
    const report = await applyMigrations(options.migrationPool ?? pool, definition.databaseSchema, definition.migrationsDir);
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
    slowQueryMs: options.slowQueryMs,
    processMetrics: options.processMetrics,
  });
  const relayHooks = definition.outbox ? registerOutboxMetrics(server.metrics, { pool, schema: definition.databaseSchema }) : undefined;
  const relay = { ...options.outboxRelay, ...relayHooks };
  const events = options.events ? startSubgraphEvents(definition, { pool, transport: options.events, logger, relay }) : undefined;
  definition.background?.start();
  return {
    url: server.url,
    subscriptions: server.subscriptions,
    metrics: server.metrics,
    events,
    stop: async () => {
      await server.stop();
      await definition.background?.stop();
      await events?.stop();
    },
  };
}
