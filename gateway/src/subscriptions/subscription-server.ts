import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceMap } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { createErrorFormatter } from '@threadly/errors';
import type { Logger } from '@threadly/logger';
import type { WebSocketCounts } from '@threadly/metrics';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { OperationLimits } from '../edge/operation-limits.ts';
import type { GatewayContext } from '../gateway-context.ts';
import type { Authenticate } from '../request-context.ts';
import { SubgraphDataSource } from '../subgraph-data-source.ts';
import { CloseCode } from './close-codes.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { deduplicateInflightFetches } from './inflight-deduplication.ts';
import { createSubscriptionOperations } from './subscription-operations.ts';
import { createSubscriptionPlanner } from './subscription-planner.ts';
import type { SubscriptionSettings } from './subscription-settings.ts';

export interface SubscriptionServerOptions {
  /** The gateway's HTTP server: WebSocket upgrades to `path` are served on the same port. */
  server: Server;
  path: string;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /**
   * The fetcher each subgraph's per-event entity fetches go through: the HTTP path's (timeout, retries, circuit
   * breaker, SUBGRAPH_UNAVAILABLE), so an event meets a down subgraph as a query does. Absent: a plain fetch.
   */
  fetcherFor?: (subgraph: string) => Fetcher;
  identitySecret: string;
  createContext: (req: IncomingMessage, info: { url: URL; requestId: string }) => Promise<GatewayContext>;
  authenticate: Authenticate;
  operationLimits: OperationLimits;
  /** Largest message a client may send (the same bound as an HTTP body). */
  maxPayloadBytes: number;
  settings: SubscriptionSettings;
  production: boolean;
  logger: Logger;
}

export interface SubscriptionServer {
  /** Acknowledged connections and their live subscriptions, for `/metrics`. */
  counts: WebSocketCounts;
  /** Completes every subscription (clients get `complete`), then closes every connection with 1001. */
  stop(): Promise<void>;
}

/**
 * Federated subscriptions over graphql-ws (graphql-transport-ws) on the gateway's own port and path: clients
 * open `ws://…/graphql` and never learn which subgraph owns a field.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { logger, settings } = options;
  const planner = createSubscriptionPlanner(options.supergraphSdl, options.operationLimits);
  const dataSources: ServiceMap = deduplicateInflightFetches(
    Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, url]) => [name, new SubgraphDataSource(url, options.identitySecret, options.fetcherFor?.(name), name)])),
  );
  const registry = createConnectionRegistry({ ...options, logger });
  const operations = createSubscriptionOperations({
    planner,
    dataSources,
    connections: registry.connections,
    settings,
    formatError: createErrorFormatter({ production: options.production, logUnexpected: (err) => logger.error({ err }, 'subscription failure') }),
    logger,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const ws = useServer(
    {
      isProd: options.production,
      onConnect: (ctx) => registry.connect(ctx),
      onClose: (ctx, code) => registry.disconnect(ctx, code),
      onPing: (ctx, payload) => registry.refresh(ctx, payload),
      onSubscribe: operations.onSubscribe,
      subscribe: operations.subscribe,
      onNext: operations.onNext,
      onError: operations.onError,
      onComplete: operations.onComplete,
    },
    wss,
    settings.keepAliveMs,
  );
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  };
  options.server.on('upgrade', onUpgrade);
  let stopped: Promise<void> | undefined;
  return {
    counts: {
      connections: () => registry.connections.size,
      // graphql-ws keeps each connection's live operations in `subscriptions`, removing them as they end.
      subscriptions: () => {
        let live = 0;
        for (const ctx of registry.connections.keys()) live += Object.keys(ctx.subscriptions).length;
        return live;
      },
    },
    stop: () => (stopped ??= stop()),
  };

  async function stop() {
    {
      options.server.off('upgrade', onUpgrade);
      registry.stopAccepting();
      const contexts = [...registry.connections.keys()];
      // Ending each operation's iterator makes graphql-ws send `complete`; the sockets close once that is out.
      await Promise.all(contexts.flatMap((ctx) => Object.values(ctx.subscriptions).map((operation) => endOperation(operation))));
      await waitUntil(() => contexts.every((ctx) => Object.keys(ctx.subscriptions).length === 0), 2_000);
      for (const ctx of contexts) ctx.extra.socket.close(CloseCode.GoingAway, 'The gateway is shutting down; reconnect.');
      await Promise.all(contexts.map((ctx) => registry.disconnect(ctx, CloseCode.GoingAway)));
      await ws.dispose();
    }
  }
}

async function endOperation(operation: unknown) {
  const iterator = operation as { return?: () => Promise<unknown> } | null;
  await iterator?.return?.().catch(() => undefined);
}

async function waitUntil(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}
