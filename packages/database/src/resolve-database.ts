import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { createPool, type Pool } from './pool.ts';

export interface ResolvedDatabase {
  pool: Pool;
  /** True when this process started its own embedded PostgreSQL. */
  embedded: boolean;
  url: string;
  /**
   * Where migrations run: a one-connection pool on DATABASE_DIRECT_URL when given (DATABASE_URL then usually
   * points at a transaction-mode pooler, behind which a session advisory lock and `SET search_path` do not
   * hold), else `pool` itself.
   */
  migrationPool: Pool;
  close(): Promise<void>;
}

/**
 * The real server when `DATABASE_URL` is given, otherwise an embedded PGlite under `embeddedDataDir`.
 * Embedded, the pool holds one connection because PGlite is a single session.
 */
export async function resolveDatabase(options: {
  url?: string;
  /** A direct (unpooled) connection URL for migrations; see `migrationPool`. */
  directUrl?: string;
  poolSize: number;
  embeddedDataDir?: string;
  onPoolError?: (error: Error) => void;
}): Promise<ResolvedDatabase> {
  if (options.url) {
    const pool = createPool(options.url, options.poolSize, options.onPoolError);
    if (!options.directUrl) return { pool, embedded: false, url: options.url, migrationPool: pool, close: () => pool.end() };
    // One connection: migrations run one after another, and it is let go once idle (after start).
    const migrationPool = createPool(options.directUrl, 1, options.onPoolError);
    return {
      pool,
      embedded: false,
      url: options.url,
      migrationPool,
      close: async () => {
        await Promise.all([pool.end(), migrationPool.end()]);
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: options.embeddedDataDir });
  const pool = createPool(embedded.url, 1, options.onPoolError);
  return {
    pool,
    migrationPool: pool,
    embedded: true,
    url: embedded.url,
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}
