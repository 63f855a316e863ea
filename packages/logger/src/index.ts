import { activeTraceFields, isTracingEnabled } from '@threadly/tracing';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

export interface LoggerOptions {
  /** Where lines go; stdout when absent. Tests pass an in-memory stream to read the lines back. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs, one logger per process component (`gateway`, `catalog`, …). With tracing on, every line
 * written inside a span carries its `traceId` and `spanId`; with tracing off the mixin is not installed at all, so
 * entry points start tracing before they create loggers.
 */
export function createLogger(component: string, level: string = 'info', { destination }: LoggerOptions = {}): Logger {
  const options = {
    name: component,
    level,
    // Tokens and signed identity must never reach a log line, even when a whole request is logged.
    redact: ['req.headers.authorization', 'req.headers["x-threadly-viewer"]', 'headers.authorization'],
    ...(isTracingEnabled() ? { mixin: activeTraceFields } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
export { throttledErrorLog, type ErrorLogger } from './throttled-error-log.ts';
export { errorCodesOf, elapsedMs, refusalOutcome, requestLogLevel, safeOperationName, type RefusalOutcome, type RequestLogLevel } from './request-log-fields.ts';
export { memoryLogDestination, type MemoryLogDestination, type LogLine } from './memory-log-destination.ts';
export { subscriptionConnectionLog, type SubscriptionConnectionLog, type ConnectionLogFields } from './subscription-connection-log.ts';
export { apolloLogger, type ApolloLogger } from './apollo-logger.ts';
