import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { createErrorFormatter } from '@threadly/errors';
import type { Viewer } from '@threadly/identity-headers';
import type { Logger } from '@threadly/logger';
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
  const viewers = new WeakMap<WebSocket, Viewer>();
  /** The context factory of each subscription, keyed by the subscription's own context. */
  const eventContexts = new WeakMap<object, () => Promise<Context>>();
  const streams = createEventStreams();
  const operations = new Set<string>();
  const connectionIds = new WeakMap<object, string>();
  const operationKey = (ctx: object, id: string) => {
    if (!connectionIds.has(ctx)) connectionIds.set(ctx, randomUUID());
    return `${connectionIds.get(ctx)}/${id}`;
  };
  const formatError = createErrorFormatter({ production, logUnexpected: (err) => logger.error({ err }, 'subscription failure') });
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  const server = useServer(
    {
      schema: definition.schema,
      onConnect: ({ connectionParams, extra }) => {
        const verdict = verifyConnectionViewer(connectionParams, identitySecret);
        if (!verdict.accepted) {
          logger.warn({ reason: verdict.reason }, 'subscription connection refused');
          extra.socket.close(VIEWER_REJECTED_CLOSE_CODE, `Forbidden: ${verdict.reason}`);
          return false;
        }
        viewers.set(extra.socket, verdict.viewer);
        return true;
      },
      context: async ({ extra, connectionParams }) => {
        const viewer = viewers.get(extra.socket) ?? null;
        const requestId = typeof connectionParams?.requestId === 'string' ? connectionParams.requestId.slice(0, 200) : randomUUID();
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
      onSubscribe: (ctx, id) => void operations.add(operationKey(ctx, id)),
      onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined),
      onError: (ctx, id, _payload, errors) => {
        operations.delete(operationKey(ctx, id));
        return formatErrors(errors);
      },
      onComplete: (ctx, id) => void operations.delete(operationKey(ctx, id)),
    },
    webSockets,
    keepAliveMs,
  );

  return {
    activeSubscriptions: () => streams.count(),
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
