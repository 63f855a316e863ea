import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { errorCodesOf, elapsedMs, requestLogLevel, safeOperationName, type Logger } from '@threadly/logger';
import type { GatewayContext } from '../gateway-context.ts';
import { clientFields, principalLogId } from '../request-log/request-log-fields.ts';
import { createSubgraphFetchLog } from '../request-log/subgraph-fetch-log.ts';
import { CACHE_STATUS_HEADER } from './response-cache.ts';

const PERSISTED_REFUSAL = 'PERSISTED_QUERY_NOT_ALLOWED';

export type RequestLogger = Pick<Logger, 'info' | 'warn' | 'isLevelEnabled'>;

/**
 * One line per GraphQL request, when its response is ready: who (`userId`: request-log/request-log-fields.ts),
 * what (operation name and type, client), how it went (status, error codes, `cache`, duration) and each subgraph
 * fetch it made, timed by the data source into the request's own context (subgraph-data-source.ts). Every field
 * is something the request already holds; the variables, the query text, headers with credentials and the
 * response body are never read. Refusals made before a request has a context (sign-in, rate limit) get their
 * line from request-log/refused-request-log.ts. Runs after the response cache's plugins, whose `x-cache` header
 * it reports.
 */
export function requestLogPlugin(logger: RequestLogger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!logger.isLevelEnabled('info') && !logger.isLevelEnabled('warn')) return;
      contextValue.subgraphFetches = createSubgraphFetchLog();
      return {
        async willSendResponse({ contextValue: context, request, response, operation: resolved, document }) {
          const status = response.http.status ?? 200;
          const errorCodes = errorCodesOf(response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors);
          // A document that parsed but failed validation has no resolved operation; its own says what was asked. A
          // refused untrusted operation was replaced by a placeholder before parsing (persisted-operations-plugin.ts),
          // whose type and name would mislead.
          const operation = errorCodes?.includes(PERSISTED_REFUSAL)
            ? undefined
            : (resolved ?? (document ? getOperationAST(document, request.operationName) : undefined));
          const level = requestLogLevel(status, errorCodes);
          if (!logger.isLevelEnabled(level)) return;
          const fetches = context.subgraphFetches;
          logger[level](
            {
              requestId: context.requestId,
              operationName: safeOperationName(operation?.name?.value, request.operationName),
              operationType: operation?.operation,
              ...clientFields((name) => request.http?.headers.get(name)),
              userId: principalLogId(context.principal),
              status,
              durationMs: elapsedMs(context.receivedAt),
              cache: response.http.headers.get(CACHE_STATUS_HEADER),
              subgraphs: fetches?.fetches,
              subgraphFetchesNotLogged: fetches?.dropped || undefined,
              errorCodes,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
