import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { createPool, type Pool } from './pool.ts';

export interface ResolvedDatabase {
  pool: Pool;
  /** True when this process started its own embedded PostgreSQL. */
  embedded: boolean;
  url: string;
  close(): Promise<void>;
}

/**
 * The real server when `DATABASE_URL` is given, otherwise an embedded PGlite under `embeddedDataDir`.
 * Embedded, the pool holds one connection because PGlite is a single session.
 */
export async function resolveDatabase(options: {
  url?: string;
  poolSize: number;
  embeddedDataDir?: string;
  onPoolError?: (error: Error) => void;
}): Promise<ResolvedDatabase> {
  if (options.url) {
    const pool = createPool(options.url, options.poolSize, options.onPoolError);
    return { pool, embedded: false, url: options.url, close: () => pool.end() };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: options.embeddedDataDir });
  const pool = createPool(embedded.url, 1, options.onPoolError);
  return {
    pool,
    embedded: true,
    url: embedded.url,
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}
