import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';
import { createBoundedLabel, ERROR_CODE_PATTERN, OPERATION_NAME_PATTERN } from './bounded-label.ts';
import { labelChildren } from './label-children.ts';

/** Seconds; from a cached read (a few ms) to the gateway's 10 s subgraph timeout. */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface OperationMetricsOptions {
  registry: Registry;
  /** `threadly_gateway_` or `threadly_subgraph_`. */
  prefix: string;
  /** Distinct operation names given their own label before the rest count as `other` (default 200). */
  maxOperationNames?: number;
  /** Distinct error codes given their own label before the rest count as `other` (default 50). */
  maxErrorCodes?: number;
}

export type OperationOutcome = 'success' | 'partial' | 'error';

/**
 * Per operation: requests by outcome, their duration, and errors by `extensions.code` as the client receives them:
 * read from the formatted response in `willSendResponse`, so errors masked or merged by the server's other plugins
 * (the gateway's one SUBGRAPH_UNAVAILABLE per subgraph) count as sent. Such plugins must come before this one: a
 * server runs its plugins' `willSendResponse` in order, and each of them rewrites the response before it awaits. Operation names come from
 * clients, so they go through a bounded label (bounded-label.ts): an anonymous or unresolved operation is
 * `anonymous`, a name past the first `maxOperationNames` is `other`. The hot path does one map lookup per request
 * for each metric: the label children are resolved once per label set and cached (label-children.ts).
 */
export function operationMetricsPlugin<Context extends BaseContext>({
  registry,
  prefix,
  maxOperationNames = 200,
  maxErrorCodes = 50,
}: OperationMetricsOptions): ApolloServerPlugin<Context> {
  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'GraphQL requests by operation name, operation type and outcome (success, partial: data with errors, error: no data).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to sending its response, by operation name and type.',
    labelNames: ['operation', 'type'],
    buckets: REQUEST_DURATION_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: `${prefix}errors_total`,
    help: 'GraphQL errors in the responses sent, by extensions.code (INTERNAL_SERVER_ERROR when an error has none).',
    labelNames: ['code'],
    registers: [registry],
  });
  const operationLabel = createBoundedLabel({ pattern: OPERATION_NAME_PATTERN, maxValues: maxOperationNames });
  const codeLabel = createBoundedLabel({ pattern: ERROR_CODE_PATTERN, maxValues: maxErrorCodes });
  const requestsOf = labelChildren((...labels) => requests.labels(...labels));
  const durationsOf = labelChildren((...labels) => durations.labels(...labels));
  const errorsOf = labelChildren((...labels) => errors.labels(...labels));

  const record = (operation: string, type: string, outcome: OperationOutcome, seconds: number) => {
    durationsOf(operation, type).observe(seconds);
    requestsOf(operation, type, outcome).inc();
  };
  const countError = (rawCode: unknown) => errorsOf(codeLabel(typeof rawCode === 'string' ? rawCode : 'INTERNAL_SERVER_ERROR')).inc();

  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse(requestContext) {
          for (const error of responseErrorsOf(requestContext)) countError(error.extensions?.code);
          // `operationName` is set once the document resolved to an operation; a request refused earlier (parse
          // or validation) has none, whatever name the client asked for.
          const name = requestContext.operation && requestContext.operationName ? operationLabel(requestContext.operationName) : 'anonymous';
          record(name, requestContext.operation?.operation ?? 'unknown', outcomeOf(requestContext), (performance.now() - startedAt) / 1000);
        },
      };
    },
  };
}

/** The response's result as the client receives it (the first part of an incremental one). */
function resultOf(requestContext: GraphQLRequestContextWillSendResponse<BaseContext>) {
  const { body } = requestContext.response;
  return body.kind === 'single' ? body.singleResult : body.initialResult;
}

const responseErrorsOf = (requestContext: GraphQLRequestContextWillSendResponse<BaseContext>) => resultOf(requestContext).errors ?? [];

function outcomeOf(requestContext: GraphQLRequestContextWillSendResponse<BaseContext>): OperationOutcome {
  const result = resultOf(requestContext);
  if (!result.errors?.length) return 'success';
  return result.data ? 'partial' : 'error';
}
