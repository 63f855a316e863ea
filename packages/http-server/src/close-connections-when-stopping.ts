import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Once `server.close()` has been called (a graceful stop: Apollo's drain plugin calls it), every response still to
 * be sent says `Connection: close`. Node would otherwise answer the requests in flight with `Connection:
 * keep-alive` and close the socket just after; a client that reuses it for its next request (undici does at once)
 * writes into a closing socket and gets "other side closed" or ECONNRESET: a failed request in an ordinary rolling
 * restart. Told to close, the client opens a new connection, which the balancer hands to a replica still listening.
 */
export function closeConnectionsWhenStopping(server: Server): Server {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  // First in line, so the header is set before a handler that answers synchronously sends its headers.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) return closeAfter(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  const startClosingConnections = () => {
    stopping = true;
    inFlight.forEach(closeAfter);
  };
  closingServers.set(server, startClosingConnections);
  server.on('close', () => closingServers.delete(server));
  const close = server.close.bind(server);
  server.close = (callback) => {
    startClosingConnections();
    return close(callback);
  };
  return server;
}

/** Every listening server of this process, with what turns its responses to `Connection: close`. */
const closingServers = new Map<Server, () => void>();

/**
 * The lame-duck phase of a process's shutdown: every server keeps listening and answering for `ms`, each response
 * saying `Connection: close`. Closing the listener at once also closes the kept-alive connections that sit idle at
 * that instant, and a client that picked one of them for its next request that same instant gets ECONNRESET (the
 * rolling-restart fault test saw 1–2 in ~900 requests). A client that is told to close leaves cleanly, and its next
 * connection goes to the balancer, which gives it to a replica that is not stopping.
 */
export async function drainConnections(ms: number): Promise<void> {
  for (const startClosing of closingServers.values()) startClosing();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
