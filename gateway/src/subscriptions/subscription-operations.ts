import type { ServiceMap } from '@apollo/gateway';
import type { Logger } from '@threadly/logger';
import { getVariableValues, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { CloseCode } from './close-codes.ts';
import type { Connection, ConnectionContext } from './connection-registry.ts';
import { startFederatedSubscription } from './federated-subscription.ts';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.ts';
import type { SubscriptionSettings } from './subscription-settings.ts';
import { oneErrorPerSubgraph } from '../subgraph-fetch/one-error-per-subgraph.ts';

/** What onSubscribe hands the subscribe step, through graphql-ws's contextValue. */
interface PlannedOperation {
  planned: PlannedSubscription;
  connection: Connection;
}

export interface SubscriptionOperationsOptions {
  planner: SubscriptionPlanner;
  dataSources: ServiceMap;
  connections: Map<ConnectionContext, Connection>;
  settings: SubscriptionSettings;
  /** The gateway's error formatter (stable codes pass, anything else is masked in production). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

const badRequest = (message: string) => [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })];

/**
 * graphql-ws's per-operation hooks: onSubscribe validates and plans (an invalid operation gets an `error` message
 * with its code), subscribe starts the federated subscription, and every error leaving the gateway goes
 * through the same formatter as over HTTP.
 */
export function createSubscriptionOperations(options: SubscriptionOperationsOptions) {
  const { planner, settings } = options;
  // executeQueryPlan puts a failed fetch's own error among an event's errors, which need not be a GraphQLError
  // (Apollo Server wraps them for HTTP): wrapped here, so the formatter masks it instead of the hook throwing.
  const format = (error: unknown) => {
    const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
    return options.formatError(graphQLError.toJSON(), graphQLError);
  };
  return {
    onSubscribe(ctx: ConnectionContext, id: string, payload: SubscribePayload): ExecutionArgs | GraphQLError[] {
      const connection = options.connections.get(ctx);
      if (!connection) return badRequest('This connection is closing.');
      // graphql-ws has already registered this operation, so it is counted here.
      if (Object.keys(ctx.subscriptions).length > settings.maxPerConnection) {
        return badRequest(`At most ${settings.maxPerConnection} subscriptions per connection: complete one before starting another.`);
      }
      let planned: PlannedSubscription | GraphQLError[];
      try {
        planned = planner.plan(payload.query, payload.operationName ?? undefined);
      } catch (error) {
        options.logger.error({ err: error }, 'a valid subscription could not be planned');
        return [new GraphQLError('This subscription could not be planned.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
      }
      if (Array.isArray(planned)) return planned;
      const operation: OperationDefinitionNode = planned.operationContext.operation;
      const coerced = getVariableValues(planner.apiSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
      if (coerced.errors) return coerced.errors.map((error) => new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } }));
      const contextValue: PlannedOperation = { planned, connection };
      connection.log.subscriptionStarted(id, operation.name?.value);
      return { schema: planner.apiSchema, document: planned.document, operationName: payload.operationName, variableValues: payload.variables ?? {}, contextValue };
    },
    subscribe(args: ExecutionArgs): AsyncGenerator<ExecutionResult> | ExecutionResult {
      const { planned, connection } = args.contextValue as PlannedOperation;
      // Every subscription is about the viewer's own data, and subgraphs accept only connections with a viewer.
      if (!connection.context.viewer) {
        const message = connection.context.principal.kind === 'partner' ? 'Subscriptions act for a signed-in user; a partner API key is no user.' : 'Sign in to subscribe: send authorization in connection_init.';
        return { errors: [new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } })] };
      }
      try {
        return startFederatedSubscription({
          planned,
          planner,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          context: connection.context,
          upstream: connection.upstream,
          dataSources: options.dataSources,
          maxPendingEvents: settings.maxPendingEvents,
          onOverflow: () => connection.close(CloseCode.TryAgainLater, `Slow consumer: more than ${settings.maxPendingEvents} events were waiting to be sent.`),
          logger: options.logger,
        });
      } catch (error) {
        options.logger.error({ err: error }, 'subscription could not start');
        return { errors: [new GraphQLError('The subscription could not start.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
      }
    },
    onNext(_ctx: ConnectionContext, _id: string, _payload: SubscribePayload, _args: ExecutionArgs, result: ExecutionResult) {
      // An event's entity fetches fail like a query's: each unavailable subgraph is named once.
      return result.errors ? { ...result, errors: oneErrorPerSubgraph(result.errors).map(format) } : undefined;
    },
    onError(ctx: ConnectionContext, id: string, payload: SubscribePayload, errors: readonly GraphQLError[]) {
      const formatted = errors.map(format);
      options.connections.get(ctx)?.log.subscriptionEnded(id, { errors: formatted, operationName: payload.operationName });
      return formatted;
    },
    onComplete(ctx: ConnectionContext, id: string) {
      options.connections.get(ctx)?.log.subscriptionEnded(id);
    },
  };
}
