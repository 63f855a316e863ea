import type { Logger } from 'pino';
import { elapsedMs, errorCodesOf, safeOperationName } from './request-log-fields.ts';

export type ConnectionLogger = Pick<Logger, 'child'>;

/** Who and what a connection's lines carry: its request id (the gateway's, shared with the subgraphs), the user. */
export interface ConnectionLogFields {
  requestId: string;
  userId: string;
  /** The subgraph serving it, on a subgraph's lines. */
  subgraph?: string;
}

export interface SubscriptionConnectionLog {
  subscriptionStarted(id: string, operationName: string | null | undefined): void;
  /**
   * It ended: completed (by either side), or with `errors` (refused before it started, or failed); a refused one
   * is named by the operation name the client sent.
   */
  subscriptionEnded(id: string, end?: { errors?: ReadonlyArray<{ extensions?: Readonly<Record<string, unknown>> }>; operationName?: string | null }): void;
  closed(code: number | undefined): void;
}

/**
 * The log lines of one WebSocket (graphql-ws) connection, gateway and subgraphs alike. Opening and closing are
 * `info`: one pair per connection, and the close line — close code, how long it was open, how many subscriptions it
 * carried — answers "why was I disconnected" on its own. Each subscription's start and end are `debug`: a client
 * starts and stops many as it moves between screens, and the close line already counts them. Only operation names
 * are logged, never variables or events.
 */
export function subscriptionConnectionLog(logger: ConnectionLogger, fields: ConnectionLogFields): SubscriptionConnectionLog {
  const log = logger.child(fields);
  const openedAt = performance.now();
  const live = new Map<string, { startedAt: number; operationName: string | undefined }>();
  let started = 0;
  let isClosed = false;
  log.info('subscription connection opened');
  return {
    subscriptionStarted(id, operationName) {
      started += 1;
      // Validated whatever its source: on a subgraph it is the name the connecting side sent.
      const name = safeOperationName(undefined, operationName);
      live.set(id, { startedAt: performance.now(), operationName: name });
      if (log.isLevelEnabled('debug')) log.debug({ subscriptionId: id, operationName: name }, 'subscription started');
    },
    subscriptionEnded(id, { errors, operationName } = {}) {
      const subscription = live.get(id);
      live.delete(id);
      if (!log.isLevelEnabled('debug') || (!subscription && !errors)) return;
      log.debug(
        {
          subscriptionId: id,
          operationName: subscription?.operationName ?? safeOperationName(undefined, operationName),
          durationMs: subscription ? elapsedMs(subscription.startedAt) : undefined,
          errorCodes: errorCodesOf(errors),
        },
        subscription ? 'subscription ended' : 'subscription refused',
      );
    },
    closed(code) {
      if (isClosed) return;
      isClosed = true;
      log.info({ closeCode: code, durationMs: elapsedMs(openedAt), subscriptions: started }, 'subscription connection closed');
    },
  };
}
