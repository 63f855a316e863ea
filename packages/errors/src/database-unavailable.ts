/** Node socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of a server going away or not accepting sessions yet: class 08 (connection exception),
 * 57P01 admin shutdown (`pg_ctl stop -m fast`), 57P02 crash shutdown, 57P03 cannot connect now (starting up).
 */
const isUnavailableSqlState = (code: string) => code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code);
/** Prisma's codes for an unreachable server, a connection timeout, a closed connection, and an exhausted pool. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** What a Prisma driver adapter reports (`meta.driverAdapterError.cause.kind`) for the same situations. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** node-postgres says these in words only. */
const PG_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection terminated due to connection timeout)/;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
}

/**
 * True when `error` (or what it wraps) says the database cannot be reached right now — refused, cut, restarting —
 * rather than that the query was wrong. Such a failure passes when the database is back: a client is told to retry
 * (SUBGRAPH_UNAVAILABLE) and an event handler is retried without counting it against the event. Shapes are
 * matched, not classes, so this package needs neither pg nor Prisma.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, meta } = error as ErrorShape;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))) return true;
  const adapterCause = meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === 'string' && ADAPTER_KINDS.has(adapterCause.kind)) return true;
  if (adapterCause?.kind === 'postgres' && typeof adapterCause.code === 'string' && isUnavailableSqlState(adapterCause.code)) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
