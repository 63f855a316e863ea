import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Logger } from '@threadly/logger';
import type { ExecutionResult } from 'graphql';
import type { ExecutionResult as WsExecutionResult } from 'graphql-ws';
import type { GatewayContext } from '../gateway-context.ts';
import { BoundedEventQueue } from './bounded-event-queue.ts';
import { upstreamFailure } from './upstream-failure.ts';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.ts';
import type { UpstreamConnections } from './upstream-connections.ts';

export interface FederatedSubscriptionOptions {
  planned: PlannedSubscription;
  planner: SubscriptionPlanner;
  variables: Record<string, unknown>;
  context: GatewayContext;
  upstream: UpstreamConnections;
  /** The gateway's data sources by subgraph name (the same class HTTP fetches go through). */
  dataSources: ServiceMap;
  /** Events received but not yet sent to the client; past it, `onOverflow` (the client is too slow). */
  maxPendingEvents: number;
  onOverflow: () => void;
  logger: Logger;
}

/**
 * Runs one planned subscription: the primary fetch becomes a subscription to the owning subgraph, and every event
 * it sends is completed by executing the plan [primary, rest] with @apollo/gateway's own executor, the primary
 * fetch answered with the event itself. The entity fetches of `rest` (a sender's profile from identity, a product
 * from catalog) therefore run exactly as they would for a query, and each event reaches the client in the shape,
 * with the errors, that a query for the same fields would have.
 */
export function startFederatedSubscription(options: FederatedSubscriptionOptions): AsyncGenerator<ExecutionResult> {
  const { planned } = options;
  const { primary } = planned;
  let unsubscribed = false;
  const events = new BoundedEventQueue<WsExecutionResult>(options.maxPendingEvents, options.onOverflow, () => {
    if (!unsubscribed) unsubscribe();
    unsubscribed = true;
  });
  const variables = Object.fromEntries((primary.variableUsages ?? []).filter((name) => name in options.variables).map((name) => [name, options.variables[name]]));
  const unsubscribe = options.upstream.subscribe(
    primary.serviceName,
    { query: primary.operation, operationName: primary.operationName, variables },
    {
      next: (event) => events.push(event),
      // A subgraph refusing the subscription (invalid, unauthorized) or going away: one last result with the errors.
      error: (error) => {
        events.push({ errors: upstreamFailure(error, options.logger) });
        events.end();
      },
      complete: () => events.end(),
    },
  );
  const plan = { kind: 'QueryPlan' as const, node: planned.rest ? { kind: 'Sequence' as const, nodes: [primary, planned.rest] } : primary };
  const complete = (event: WsExecutionResult): Promise<ExecutionResult> => {
    const answering: GraphQLDataSource = {
      process: (request) =>
        request.request.query === primary.operation
          ? Promise.resolve(event as ExecutionResult as never)
          : options.dataSources[primary.serviceName]!.process(request),
    };
    return executeQueryPlan(
      plan,
      { ...options.dataSources, [primary.serviceName]: answering },
      requestContextFor(options),
      planned.operationContext,
      options.planner.supergraphSchema,
      options.planner.apiSchemaInternal,
    ) as Promise<ExecutionResult>;
  };
  // Written by hand rather than as an async generator function: `return()` must end the upstream subscription
  // even while `next()` is waiting for an event, which a suspended generator cannot do.
  const iterator: AsyncGenerator<ExecutionResult> = {
    async next() {
      const pulled = await events.next();
      if (pulled.done) return { done: true, value: undefined };
      return { done: false, value: await complete(pulled.value) };
    },
    return: async () => {
      await events.return();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      await events.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * What the gateway's executor reads of a request: its variables, its context (for the data sources' signed viewer
 * header) and a metrics object it records error paths in. A subscription has no HTTP request, so the rest is absent.
 */
function requestContextFor(options: FederatedSubscriptionOptions): GatewayGraphQLRequestContext<GatewayContext> {
  return {
    request: { query: undefined, variables: options.variables },
    context: options.context,
    metrics: {},
    logger: options.logger,
    operationName: options.planned.operationContext.operation.name?.value ?? null,
  } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
}
