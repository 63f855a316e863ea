import type { BaseContext } from '@apollo/server';
import type { CommonEnv } from '@threadly/config';
import { resolveDatabase, type Pool } from '@threadly/database';
import { createEventTransport } from '@threadly/events';
import { stopOnSignals } from '@threadly/http-server';
import { createLogger } from '@threadly/logger';
import { startTracing, tracingOptionsFromEnv, type TracingEnv } from '@threadly/tracing';
import { serveSubgraph } from './serve-subgraph.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

export interface SubgraphProcessOptions<Context extends BaseContext> {
  env: CommonEnv & TracingEnv & { DATABASE_URL?: string; DATABASE_DIRECT_URL?: string; DATABASE_POOL_SIZE: number; MIGRATE_ON_START: boolean; SEED_DEMO_DATA?: boolean; SLOW_QUERY_MS: number; REDIS_URL?: string; EVENT_STREAM?: string };
  /** The process's name in traces (`service.name`) unless OTEL_SERVICE_NAME is set: the subgraph's name. */
  service: string;
  port: number;
  host: string;
  create: (pool: Pool) => SubgraphDefinition<Context>;
}

/**
 * The body of every subgraph's `main.ts` when it runs as its own process (docker-compose, several replicas):
 * trace (when OTEL_EXPORTER_OTLP_ENDPOINT is set), connect, migrate, serve, relay and consume events (over Redis
 * Streams when REDIS_URL is set), and shut down cleanly on SIGINT/SIGTERM, flushing the last spans.
 */
export async function runSubgraphProcess<Context extends BaseContext>({ env, service, port, host, create }: SubgraphProcessOptions<Context>) {
  // First: loggers carry trace ids only when tracing is on as they are created (here and in `create`), and the
  // server adds its operation spans only then. Nothing else depends on the order (see @threadly/tracing).
  const tracing = await startTracing(tracingOptionsFromEnv(env, service));
  const database = await resolveDatabase({ url: env.DATABASE_URL, directUrl: env.DATABASE_DIRECT_URL, poolSize: env.DATABASE_POOL_SIZE, embeddedDataDir: undefined });
  const definition = create(database.pool);
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  if (database.embedded) logger.warn('DATABASE_URL is not set: using a throwaway in-memory PostgreSQL (PGlite)');
  const transport = createEventTransport(env.REDIS_URL, logger, env.EVENT_STREAM);
  const server = await serveSubgraph(definition, {
    pool: database.pool,
    migrationPool: database.migrationPool,
    logger,
    port,
    host,
    production: env.NODE_ENV === 'production',
    migrate: env.MIGRATE_ON_START,
    seedWhenEmpty: env.SEED_DEMO_DATA ?? env.NODE_ENV !== 'production',
    events: transport,
    slowQueryMs: env.SLOW_QUERY_MS,
    processMetrics: true,
  });
  logger.info({ url: server.url }, `${definition.name} subgraph ready`);
  stopOnSignals({
    logger,
    graceMs: env.SHUTDOWN_GRACE_MS,
    drainMs: env.SHUTDOWN_DRAIN_MS,
    message: 'draining requests and subscriptions, publishing the outbox',
    stop: async () => {
      await server.stop();
      await transport.close();
      await definition.close();
      await database.close();
      await tracing.shutdown();
    },
  });
}
