import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { Logger } from '@threadly/logger';
import { domainError } from '@threadly/errors';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../gateway-context.ts';
import { judgeOperation, type Caller, type PersistedOperationsPolicy, type Verdict } from './persisted-operations-policy.ts';

/** Stands in for a refused request's query; never executed (see below). */
const REFUSED_PLACEHOLDER = '{ __typename }';

/** 403: the request is well-formed and its sender known, but this operation is not one they may run. */
export const operationNotAllowed = (message: string) => domainError('PERSISTED_QUERY_NOT_ALLOWED', message, { http: { status: 403 } });

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

const isIntrospectionOnly = (operation: OperationDefinitionNode) =>
  operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(selection.name.value));

function withoutPersistedQuery(extensions: GraphQLRequest['extensions']): GraphQLRequest['extensions'] {
  if (!extensions || !('persistedQuery' in extensions)) return extensions;
  const { persistedQuery: _ignored, ...rest } = extensions;
  return rest;
}

export interface PersistedOperationsPluginOptions extends PersistedOperationsPolicy {
  logger: Pick<Logger, 'warn'>;
}

/**
 * Trusted documents and the first-party mode (see persisted-operations-policy.ts), applied before Apollo reads
 * the request. Apollo's pipeline reads and writes the APQ cache right after `requestDidStart`, and turns an error
 * thrown there into a 500; the first hook whose error it answers properly is `didResolveOperation`, which runs
 * before an APQ registration is stored. So `requestDidStart` rewrites the request — a trusted one gets the
 * manifest's text and loses its APQ extension, a refused one gets a constant placeholder (the sender's document is
 * never parsed, looked up or stored) — and `didResolveOperation` throws the refusal.
 */
export function persistedOperationsPlugin(options: PersistedOperationsPluginOptions): ApolloServerPlugin<GatewayContext> {
  // Once per hash, and bounded: unique junk queries must not grow the gateway's memory.
  const audited = new LRUCache<string, true>({ max: 10_000 });
  return {
    async requestDidStart({ request, contextValue }) {
      const caller: Caller = contextValue.principal.kind === 'partner' ? 'partner' : 'first-party';
      const verdict: Verdict = judgeOperation(options, caller, request);
      if (verdict.kind === 'trusted') {
        request.query = verdict.document;
        request.extensions = withoutPersistedQuery(request.extensions);
      } else if (verdict.kind === 'refused') {
        request.query = REFUSED_PLACEHOLDER;
        request.operationName = undefined;
        request.extensions = withoutPersistedQuery(request.extensions);
      }
      return {
        async didResolveOperation({ operation, operationName, queryHash }) {
          if (verdict.kind === 'refused') throw operationNotAllowed(verdict.message);
          if (verdict.kind === 'introspection-only' && !(operation && isIntrospectionOnly(operation))) {
            throw operationNotAllowed('This operation is not in the web or mobile app manifest, and only those run here (safelist mode).');
          }
          if (verdict.kind === 'untrusted' && verdict.audit && !audited.has(queryHash)) {
            audited.set(queryHash, true);
            options.logger.warn(
              { operationName, queryHash, caller: contextValue.principal.kind },
              'persisted operations (audit mode): ran an operation that is in no first-party manifest',
            );
          }
        },
      };
    },
  };
}
