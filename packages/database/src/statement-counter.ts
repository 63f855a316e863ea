import type pg from 'pg';
import type { Pool } from './pool.ts';

export interface StatementCounter {
  /** SQL statements run since the last reset, in order. */
  readonly statements: string[];
  reset(): void;
}

// Statements marked `/* background: … */` (the outbox relay's polling) run on a timer, not for any request.
const BOOKKEEPING = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET |SELECT 1\b|DEALLOCATE|\/\* background: )/i;

/**
 * Records every statement clients of `pool` send, apart from transaction bookkeeping and background work. It must be attached before
 * the pool opens its first connection. Used by the N+1 tests and the benchmarks' "SQL per request" column.
 */
export function countStatements(pool: Pool): StatementCounter {
  const statements: string[] = [];
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text;
      if (text && !BOOKKEEPING.test(text.trim())) statements.push(text);
      return query(...args);
    };
  });
  return {
    statements,
    reset: () => {
      statements.length = 0;
    },
  };
}
