import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { createErrorFormatter, isDatabaseUnavailable } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';
import { subscriptionConnectionLog, type Logger, type SubscriptionConnectionLog } from '@threadly/logger';
import type { WebSocketCounts } from '@threadly/metrics';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { VIEWER_REJECTED_CLOSE_CODE, verifyConnectionViewer } from './connection-viewer.ts';
import { createEventStreams } from './event-streams.ts';
import type { SubgraphDefinition } from './subgraph-definition.ts';

export interface SubscriptionServerOptions {
  identitySecret: string;
  production: boolean;
  logger: Logger;
  /** Interval of WebSocket pings; a peer that has not answered one by the next is cut off (default 12 s). */
  keepAliveMs?: number;
  /** Longest wait for subscribers to receive `complete` at shutdown before their sockets close anyway. */
  drainTimeoutMs?: number;
}

export interface SubscriptionServer {
  /** Live subscriptions (tests wait for one before publishing). */
  activeSubscriptions(): number;
  /** Open connections (the gateway's upstream ones) and live subscriptions, for `/metrics`. */
  counts: WebSocketCounts;
  /** Completes every subscription (each subscriber gets `complete`), then closes the sockets (1001) and the server. */
  stop(): Promise<void>;
}

/**
 * The subgraph's subscriptions over graphql-ws (protocol graphql-transport-ws) at `/graphql` on its HTTP server.
 * Only the gateway connects: its `connection_init` carries the signed viewer (see `connection-viewer.ts`); a
 * connection without a valid one is closed with 4403. Every subscription and every event gets a context from the
 * subgraph's one `createContext`, as an HTTP request does, with the connection's viewer.
 */
export function serveSubscriptions<Context extends BaseContext>(
  httpServer: Server,
  definition: SubgraphDefinition<Context>,
  { identitySecret, production, logger, keepAliveMs = 12_000, drainTimeoutMs = 2_000 }: SubscriptionServerOptions,
): SubscriptionServer {
  const webSockets = new WebSocketServer({ server: httpServer, path: '/graphql' });
  /** Each acknowledged connection's viewer and request id, set once when it opens. */
  const connections = new WeakMap<WebSocket, { viewer: Viewer; requestId: string }>();
  /** The context factory of each subscription, keyed by the subscription's own context. */
  const eventContexts = new WeakMap<object, () => Promise<Context>>();
  const streams = createEventStreams();
  const operations = new Set<string>();
  const connectionIds = new WeakMap<object, string>();
  const operationKey = (ctx: object, id: string) => {
    if (!connectionIds.has(ctx)) connectionIds.set(ctx, randomUUID());
    return `${connectionIds.get(ctx)}/${id}`;
  };
  /** Each acknowledged connection's log lines, keyed by graphql-ws's per-connection context. */
  const connectionLogs = new WeakMap<object, SubscriptionConnectionLog>();
  const formatError = createErrorFormatter({ production, isDatabaseUnavailable, logUnexpected: (err) => logger.error({ err }, 'subscription failure') });
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const server = useServer(
    {
      schema: definition.schema,
      onConnect: (ctx) => {
        const { connectionParams, extra } = ctx;
        const verdict = verifyConnectionViewer(connectionParams, identitySecret);
        if (!verdict.accepted) {
          logger.warn({ reason: verdict.reason }, 'subscription connection refused');
          extra.socket.close(VIEWER_REJECTED_CLOSE_CODE, `Forbidden: ${verdict.reason}`);
          return false;
        }
        const requestId = connectionRequestId(connectionParams);
        connections.set(extra.socket, { viewer: verdict.viewer, requestId });
        connectionLogs.set(ctx, subscriptionConnectionLog(logger, { requestId, userId: verdict.viewer.userId, subgraph: definition.name }));
        return true;
      },
      onClose: (ctx, code) => connectionLogs.get(ctx)?.closed(code),
      context: async ({ extra }) => {
        const connection = connections.get(extra.socket);
        const viewer = connection?.viewer ?? null;
        const requestId = connection?.requestId ?? randomUUID();
        const create = () => definition.createContext({ headers: {}, requestId, viewer });
        const context = await create();
        eventContexts.set(context, create);
        return context;
      },
      subscribe: (args) => {
        const contextForEvent = eventContexts.get(args.contextValue as object);
        if (!contextForEvent) throw new Error('subscription context was not created by this server');
        return streams.subscribe(args, contextForEvent);
      },
      onSubscribe: (ctx, id, payload) => {
        operations.add(operationKey(ctx, id));
        connectionLogs.get(ctx)?.subscriptionStarted(id, payload.operationName);
      },
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined),
      onError: (ctx, id, _payload, errors) => {
        operations.delete(operationKey(ctx, id));
        const formatted = formatErrors(errors);
        connectionLogs.get(ctx)?.subscriptionEnded(id, { errors: formatted });
        return formatted;
      },
      onComplete: (ctx, id) => {
        operations.delete(operationKey(ctx, id));
        connectionLogs.get(ctx)?.subscriptionEnded(id);
      },
    },
    webSockets,
    keepAliveMs,
  );

  return {
    activeSubscriptions: () => streams.count(),
    counts: { connections: () => webSockets.clients.size, subscriptions: () => streams.count() },
    async stop() {
      streams.endAll();
      const deadline = Date.now() + drainTimeoutMs;
      while (operations.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      // `complete` is sent right after the hook that emptied `operations`; let it reach the socket before closing.
      await new Promise((resolve) => setImmediate(resolve));
      await server.dispose();
    },
  };
}

/** The gateway's request id for the client connection this one serves (`connectionParams.requestId`), when sane. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;
function connectionRequestId(connectionParams: Readonly<Record<string, unknown>> | undefined): string {
  const given = connectionParams?.requestId;
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}
