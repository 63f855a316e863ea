import type { BaseContext } from '@apollo/server';
import type { CommonEnv } from '@threadly/config';
import { resolveDatabase, type Pool } from '@threadly/database';
import { createEventTransport } from '@threadly/events';
import { createLogger } from '@threadly/logger';
import { serveSubgraph } from './serve-subgraph.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

export interface SubgraphProcessOptions<Context extends BaseContext> {
  env: CommonEnv & { DATABASE_URL?: string; DATABASE_POOL_SIZE: number; MIGRATE_ON_START: boolean; SEED_DEMO_DATA?: boolean; REDIS_URL?: string };
  port: number;
  host: string;
  create: (pool: Pool) => SubgraphDefinition<Context>;
}

/**
 * The body of every subgraph's `main.ts` when it runs as its own process (docker-compose, several replicas):
 * connect, migrate, serve, relay and consume events (over Redis Streams when REDIS_URL is set), and shut down
 * cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraphProcess<Context extends BaseContext>({ env, port, host, create }: SubgraphProcessOptions<Context>) {
  const database = await resolveDatabase({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, embeddedDataDir: undefined });
  const definition = create(database.pool);
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  if (database.embedded) logger.warn('DATABASE_URL is not set: using a throwaway in-memory PostgreSQL (PGlite)');
  const transport = createEventTransport(env.REDIS_URL, logger);
  const server = await serveSubgraph(definition, {
    pool: database.pool,
    logger,
    port,
    host,
    production: env.NODE_ENV === 'production',
    migrate: env.MIGRATE_ON_START,
    seedWhenEmpty: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    events: transport,
  });
  logger.info({ url: server.url }, `${definition.name} subgraph ready`);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await transport.close();
    await definition.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
