import type { Logger } from 'pino';

export type ErrorLogger = Pick<Logger, 'error'>;

/**
 * Logs an error at most once per `intervalMs`, saying how many were swallowed since the last line: an outage hit
 * by every request must stay loud without writing a line per request.
 */
export function throttledErrorLog(logger: ErrorLogger, intervalMs: number, now: () => number = Date.now) {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (err: unknown, message: string) => {
    const time = now();
    if (time - lastLoggedAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.error({ err, suppressedSinceLastLog: suppressed }, message);
    lastLoggedAt = time;
    suppressed = 0;
  };
}
