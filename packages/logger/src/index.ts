import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one logger per process component (`gateway`, `catalog`, …). */
export function createLogger(component: string, level: string = 'info'): Logger {
  return pino({
    name: component,
    level,
    // Tokens and signed identity must never reach a log line, even when a whole request is logged.
    redact: ['req.headers.authorization', 'req.headers["x-threadly-viewer"]', 'headers.authorization'],
  });
}
export { throttledErrorLog, type ErrorLogger } from './throttled-error-log.ts';
