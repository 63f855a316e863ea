import { signViewer, type Viewer } from '@threadly/identity-headers';
import { createClient, type Client, type ExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

/** Subscribes to one subgraph's own Subscription fields, as the viewer of one client connection. */
export interface UpstreamConnections {
  subscribe(serviceName: string, payload: SubscribePayload, sink: Sink<ExecutionResult>): () => void;
  /** Closes every upstream socket (their subscriptions end). */
  close(): Promise<void>;
}

export interface UpstreamConnectionsOptions {
  /** Each subgraph's http(s) GraphQL URL; its WebSocket endpoint is the same path. */
  subgraphUrls: Record<string, string>;
  viewer: Viewer | null;
  identitySecret: string;
  /** The client connection's request id, for correlating the subgraphs' logs. */
  requestId: string;
}

export const webSocketUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/**
 * One lazily opened graphql-ws connection per subgraph for each client connection. The subgraph authenticates
 * the connection once, from `connectionParams.viewer` (the same signed value HTTP fetches carry in
 * x-threadly-viewer), so a connection belongs to one viewer and cannot be shared between clients. It opens on
 * the first subscription to that subgraph and closes when the last one ends; it is never retried: a subgraph
 * that goes away ends its subscriptions with an error the client sees.
 */
export function createUpstreamConnections(options: UpstreamConnectionsOptions): UpstreamConnections {
  const clients = new Map<string, Client>();
  const clientFor = (serviceName: string) => {
    let client = clients.get(serviceName);
    if (!client) {
      const url = options.subgraphUrls[serviceName];
      if (!url) throw new Error(`no URL for subgraph ${serviceName}`);
      client = createClient({
        url: webSocketUrlOf(url),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        shouldRetry: () => false,
        // Signed at each connect, so the value is fresh (it is valid for 60 s and checked once, at connection time).
        connectionParams: () => ({
          requestId: options.requestId,
          ...(options.viewer ? { viewer: signViewer(options.viewer, options.identitySecret) } : {}),
        }),
      });
      clients.set(serviceName, client);
    }
    return client;
  };
  return {
    subscribe: (serviceName, payload, sink) => clientFor(serviceName).subscribe(payload, sink),
    async close() {
      const closing = [...clients.values()];
      clients.clear();
      // Disposing a client whose socket never opened rejects with the connect error; there is nothing left to close.
      await Promise.all(closing.map((client) => Promise.resolve(client.dispose()).catch(() => undefined)));
    },
  };
}
