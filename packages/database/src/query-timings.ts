/** One database operation as the service waited for it (a pool connection, the round trip, Prisma's mapping). */
export interface QueryTiming {
  /** The Prisma model (`Product`), or `raw` for SQL written by hand (`$queryRaw`, `$executeRaw`, …). */
  model: string;
  /** The Prisma action (`findMany`, `update`, …), or for raw SQL its first keyword (`SELECT`, `UPDATE`, `WITH`, …). */
  operation: string;
  durationMs: number;
  /** The operation threw (a constraint, a timeout, the database gone). */
  failed: boolean;
}

/**
 * Where a subgraph's database client reports each operation's duration, and where the runtime listens (metrics,
 * slow-query log). Created with the client, before the server that listens exists; one listener at a time, so a
 * subgraph served again after a stop does not count twice.
 */
export interface QueryTimings {
  report(timing: QueryTiming): void;
  listen(listener: ((timing: QueryTiming) => void) | undefined): void;
}

export function createQueryTimings(): QueryTimings {
  let listener: ((timing: QueryTiming) => void) | undefined;
  return {
    report: (timing) => listener?.(timing),
    listen: (next) => void (listener = next),
  };
}

const RAW_OPERATIONS = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
const LEADING_COMMENTS = /^(?:\s+|\/\*[\s\S]*?\*\/|--[^\n]*\n?)*/;

/** The first SQL keyword of a raw query (after comments), upper-cased; never its text or values. */
export function firstSqlKeyword(args: unknown): string {
  const text = typeof args === 'string' ? args : Array.isArray(args) ? args[0] : (args as { strings?: string[] } | undefined)?.strings?.[0];
  if (typeof text !== 'string') return 'SQL';
  const keyword = /^[A-Za-z]{1,16}\b/.exec(text.replace(LEADING_COMMENTS, ''))?.[0];
  return keyword ? keyword.toUpperCase() : 'SQL';
}

type AllOperationsArgs = { model?: string; operation: string; args: unknown; query: (args: unknown) => Promise<unknown> };
type ExtendableClient = { $extends(extension: { query: { $allOperations(params: AllOperationsArgs): Promise<unknown> } }): unknown };

/**
 * The Prisma client, reporting every operation's duration to `timings`. Why here: every SQL statement a subgraph
 * runs for a request goes through its Prisma client (raw SQL too, as `$queryRaw`), and a client extension's
 * `$allOperations` sees the model and action, which the pg pool underneath (shared by all four subgraphs in one
 * process) would only know as SQL text. Prisma runs it inside interactive transactions (`tx.…`) as well. A query
 * extension changes no method or type of the client, so the extended client is returned as the same type.
 */
export function timePrismaQueries<Client>(client: Client, timings: QueryTimings): Client {
  return (client as ExtendableClient).$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const startedAt = performance.now();
        let failed = false;
        try {
          return await query(args);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          const raw = model === undefined && RAW_OPERATIONS.has(operation);
          timings.report({
            model: model ?? 'raw',
            operation: raw ? firstSqlKeyword(args) : operation,
            durationMs: performance.now() - startedAt,
            failed,
          });
        }
      },
    },
  }) as Client;
}
