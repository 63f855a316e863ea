import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { elapsedMs, errorCodesOf, refusalOutcome, requestLogLevel, safeOperationName, type Logger } from '@threadly/logger';

export type SubgraphRequestLogger = Pick<Logger, 'info' | 'warn' | 'isLevelEnabled'>;

/**
 * What a line reads from a subgraph's context: every subgraph's context carries the request id (the gateway's,
 * from `x-request-id`, so the gateway's line and this one share it) and the verified viewer. Read structurally,
 * since each subgraph has its own context type; a context without them logs `anonymous` and no id.
 */
interface LoggedContext {
  requestId?: unknown;
  viewer?: { userId?: unknown } | null;
}

const requestIdOf = (context: LoggedContext) => (typeof context.requestId === 'string' ? context.requestId : undefined);
const userIdOf = (context: LoggedContext) => (typeof context.viewer?.userId === 'string' ? context.viewer.userId : 'anonymous');

/**
 * One line per request a subgraph serves, the gateway's fetches included: request id, subgraph, operation name
 * (the gateway's generated `<Operation>__<subgraph>__<n>` for its fetches), the viewer's id — never the signed
 * header —, status, duration and error codes; `warn` when it ended in an unexpected error. Nothing of the
 * variables, the query or the result is read. The same plugin serves all four subgraphs (subgraph-server.ts).
 */
export function requestLogPlugin<Context extends BaseContext>(subgraph: string, logger: SubgraphRequestLogger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!logger.isLevelEnabled('info') && !logger.isLevelEnabled('warn')) return;
      const startedAt = performance.now();
      return {
        async willSendResponse({ contextValue, request, response, operation, operationName }) {
          const status = response.http.status ?? 200;
          const errorCodes = errorCodesOf(response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors);
          const level = requestLogLevel(status, errorCodes);
          if (!logger.isLevelEnabled(level)) return;
          const context = contextValue as LoggedContext;
          logger[level](
            {
              requestId: requestIdOf(context),
              subgraph,
              operationName: safeOperationName(operationName, request.operationName),
              operationType: operation?.operation,
              userId: userIdOf(context),
              status,
              durationMs: elapsedMs(startedAt),
              errorCodes,
            },
            'subgraph request',
          );
        },
      };
    },
  };
}

/**
 * The line of a request whose context could not be built — a forged or expired viewer header (401) — which
 * Apollo answers without any request-scoped plugin hook.
 */
export function logRefusedSubgraphRequest(subgraph: string, logger: SubgraphRequestLogger, requestId: string, startedAt: number, error: unknown): void {
  const { status, errorCodes, level } = refusalOutcome(error);
  if (!logger.isLevelEnabled(level)) return;
  logger[level]({ requestId, subgraph, userId: 'anonymous', status, durationMs: elapsedMs(startedAt), errorCodes }, 'subgraph request refused');
}
