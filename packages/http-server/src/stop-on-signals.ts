import { drainConnections } from './close-connections-when-stopping.ts';
/** The two calls a shutdown makes on a logger (pino's shape, kept structural so this package needs no logger). */
export interface ShutdownLogger {
  info(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export interface StopOnSignalsOptions {
  logger: ShutdownLogger;
  /** After this long the process exits with status 1 even if `stop` has not finished. */
  graceMs: number;
  /**
   * How long the servers keep answering, each response saying `Connection: close`, before `stop` closes them
   * (`drainConnections`, the lame-duck phase); counted within `graceMs`. Default 0.
   */
  drainMs?: number;
  /** What is being drained, for the first log line (e.g. "draining requests and subscriptions"). */
  message: string;
  /** Closes everything in order; resolves when the process may exit. */
  stop: () => Promise<void>;
  /** Injected by tests; the real process exits. */
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * Stops the process once on SIGINT or SIGTERM, however many arrive: a Ctrl-C reaches every process of the terminal's
 * group while a supervisor (npm, the cluster primary, an orchestrator) sends its own SIGTERM, and a second run of
 * `stop` would close servers that are already closed ("The server is not running") and exit 1. Later signals are
 * logged and otherwise ignored; the grace timer bounds the first stop. Returns the trigger for tests.
 */
export function stopOnSignals({ logger, graceMs, drainMs = 0, message, stop, exit = (code) => process.exit(code), signals = ['SIGINT', 'SIGTERM'] }: StopOnSignalsOptions) {
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): Promise<void> => {
    if (stopping) {
      logger.info({ signal }, 'already shutting down');
      return stopping;
    }
    logger.info({ signal, graceMs }, `shutting down: no new connections, ${message}`);
    // Bounded: a request or a connection that never ends must not keep the process (and a deploy) waiting.
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took longer than its grace period; exiting anyway');
      exit(1);
    }, graceMs).unref();
    stopping = drainConnections(drainMs).then(stop).then(
      () => {
        logger.info({}, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
    return stopping;
  };
  for (const signal of signals) process.on(signal, () => void shutdown(signal));
  return shutdown;
}
