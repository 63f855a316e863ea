import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { operationLimitRules, type OperationLimits } from '../edge/operation-limits.ts';

/** What @apollo/gateway's executor needs of the operation (its OperationContext type is not exported). */
export type OperationContext = ReturnType<typeof buildOperationContext>;

/** A validated subscription and its plan: `primary` opens the event stream, `rest` completes each event. */
export interface PlannedSubscription {
  primary: FetchNode;
  rest: PlanNode | undefined;
  operationContext: OperationContext;
  document: DocumentNode;
}

export interface SubscriptionPlanner {
  /** The client-facing schema (what HTTP clients see too). */
  apiSchema: GraphQLSchema;
  apiSchemaInternal: Schema;
  /** The supergraph schema the executor needs to shape entity results. */
  supergraphSchema: GraphQLSchema;
  /** Parses, validates (with the HTTP operation limits) and plans; errors are client mistakes with a stable code. */
  plan(query: string, operationName: string | undefined): PlannedSubscription | GraphQLError[];
}

const refused = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * Plans subscriptions with the same JS query planner, from the same supergraph, that @apollo/gateway uses for
 * queries: the planner knows which subgraph owns each Subscription field (the primary fetch) and which entity
 * fetches complete an event (the rest), so the gateway needs no hand-written routing table.
 */
export function createSubscriptionPlanner(supergraphSdl: string, limits: OperationLimits): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchemaInternal = supergraph.apiSchema();
  const apiSchema = apiSchemaInternal.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const rules = [...specifiedRules, ...operationLimitRules(limits)];
  return {
    apiSchema,
    apiSchemaInternal,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    plan(query, operationName) {
      let document: DocumentNode;
      try {
        document = parse(query, { maxTokens: limits.tokens });
      } catch (error) {
        return refused((error as GraphQLError).message, 'GRAPHQL_PARSE_FAILED');
      }
      const errors = validate(apiSchema, document, rules);
      if (errors.length > 0) return errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      const operation = getOperationAST(document, operationName);
      if (!operation) return refused('Send exactly one operation, or name the one to run in operationName.', 'OPERATION_RESOLUTION_FAILURE');
      if (operation.operation !== 'subscription') {
        return refused('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', 'BAD_REQUEST');
      }
      const plan = planner.buildQueryPlan(operationFromDocument(apiSchemaInternal, document, { operationName }));
      if (plan.node?.kind !== 'Subscription') throw new Error(`expected a Subscription plan, got ${plan.node?.kind ?? 'nothing'}`);
      return {
        primary: plan.node.primary,
        rest: plan.node.rest,
        operationContext: buildOperationContext({ schema: apiSchema, operationDocument: document, operationName }),
        document,
      };
    },
  };
}
