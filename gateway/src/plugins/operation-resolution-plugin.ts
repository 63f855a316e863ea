import type { ApolloServerPlugin } from '@apollo/server';
import { domainError } from '@threadly/errors';
import type { GatewayContext } from '../gateway-context.ts';

const refuse = (code: 'OPERATION_RESOLUTION_FAILURE' | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_REQUEST', message: string) =>
  domainError(code, message, { http: { status: 400 } });

/**
 * Refuses, with 400, a document whose operation cannot be run: `operationName` naming none of its operations,
 * several operations and no `operationName`, or an operation type the graph does not have (graphql-js 16
 * validation lets `subscription { … }` through), or a subscription sent over HTTP instead of the WebSocket. Apollo
 * Server leaves these to the executor, and the gateway's executor throws on them — a 500 for what is the client's
 * mistake (the fuzzer found the subscription case: the web app's own `MessageAdded` POSTed).
 */
export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            const named = typeof request.operationName === 'string' && request.operationName !== '';
            throw refuse(
              'OPERATION_RESOLUTION_FAILURE',
              named ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.',
            );
          }
          if (!schema.getRootType(operation.operation)) {
            throw refuse('GRAPHQL_VALIDATION_FAILED', `This graph has no ${operation.operation} operations.`);
          }
          if (operation.operation === 'subscription') {
            throw refuse('BAD_REQUEST', 'Subscriptions are served over WebSocket (graphql-transport-ws) at this address, not over HTTP.');
          }
        },
      };
    },
  };
}
