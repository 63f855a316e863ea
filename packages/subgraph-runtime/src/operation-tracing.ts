import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { HttpRoute } from '@threadly/http-server';
import { isTracingEnabled, SpanStatusCode, threadlyTracer, trace, type Span } from '@threadly/tracing';
import type { GraphQLError } from 'graphql';

/** The spans this module opened: the plugin names only those, never some other active span. */
const operationSpans = new WeakSet<Span>();

/**
 * Runs each request of the GraphQL routes inside an operation span (a child of the HTTP server span), active while
 * Apollo executes, so the resolvers' Prisma and SQL spans nest under the operation that caused them. Apollo's plugin
 * hooks cannot make a span active for the resolvers themselves, hence the span is opened here and named by
 * `operationTracingPlugin` once the operation is parsed. With tracing off, the routes are returned untouched.
 */
export function traceGraphQLOperations(routes: HttpRoute[], subgraph: string): HttpRoute[] {
  if (!isTracingEnabled()) return routes;
  return routes.map((route) => ({
    ...route,
    handler: (req, res, info) =>
      threadlyTracer().startActiveSpan('GraphQL Operation', { attributes: { 'threadly.subgraph': subgraph } }, async (span) => {
        operationSpans.add(span);
        try {
          await route.handler(req, res, info);
        } finally {
          span.end();
        }
      }),
  }));
}

/**
 * Names the operation span `<type> <name>` (OpenTelemetry's GraphQL conventions) with the operation's type and name,
 * and records each error with its `extensions.code`. Variables and the document are never recorded (they carry user
 * input); an error's message only when it has one of our codes, whose messages are written for clients anyway —
 * an internal error's message may hold SQL or paths and stays in the log, which carries the same traceId.
 */
export function operationTracingPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span || !operationSpans.has(span)) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async didEncounterErrors({ errors }) {
          recordGraphQLErrors(span, errors);
        },
      };
    },
  };
}

function recordGraphQLErrors(span: Span, errors: readonly GraphQLError[]) {
  const codes = new Set<string>();
  for (const error of errors) {
    const given = error.extensions?.code;
    const code = typeof given === 'string' ? given : 'INTERNAL_SERVER_ERROR';
    codes.add(code);
    span.addEvent('exception', {
      'exception.type': code,
      'graphql.error.code': code,
      ...(typeof given === 'string' ? { 'exception.message': error.message } : {}),
      ...(error.path ? { 'graphql.error.path': error.path.join('.') } : {}),
    });
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message: [...codes].join(', ') });
}
