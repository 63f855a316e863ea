import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeConnectionsWhenStopping } from './close-connections-when-stopping.ts';
import { graphqlErrorBody, sendJson } from './send-json.ts';
import { withServerSpan } from './server-span.ts';

export interface RequestInfo {
  url: URL;
  /** The caller's `x-request-id` when it is a sane token, otherwise a new one; echoed on the response. */
  requestId: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<void> | void;

export interface HttpRoute {
  method: string;
  path: string;
  handler: RouteHandler;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token (bounded, plain characters), otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs before routing, for every request; resolves true when it has answered the request itself (a CORS preflight). */
export type RequestHook = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface HttpServerOptions {
  beforeRoutes?: RequestHook;
}

/**
 * A plain `node:http` server with exact-path routing; `routes` is read on every request. Frameworks add little here: GraphQL is Apollo's
 * `executeHTTPGraphQLRequest`, and the remaining routes (health, readiness, webhooks) need raw bodies anyway.
 */
export function createHttpServer(routes: HttpRoute[], onUnexpected: (error: unknown) => void, { beforeRoutes }: HttpServerOptions = {}): Server {
  // Looked up per request (a handful of routes) so routes can be added after the server exists: Apollo's
  // drain plugin needs the server before the GraphQL route can be built.
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const handler = routes.find((route) => route.method === req.method && route.path === url.pathname)?.handler;
    const knownPath = handler !== undefined || routes.some((route) => route.path === url.pathname);
    await withServerSpan(req, res, knownPath ? url.pathname : undefined, requestId, async () => {
      try {
        if (await beforeRoutes?.(req, res)) return;
        if (!handler) {
          if (knownPath) sendJson(res, 405, graphqlErrorBody(`${req.method} is not allowed here.`, 'BAD_REQUEST'));
          else sendJson(res, 404, graphqlErrorBody(`Nothing is served at ${url.pathname}.`, 'NOT_FOUND'));
          return;
        }
        await handler(req, res, { url, requestId });
      } catch (error) {
        onUnexpected(error);
        if (!res.headersSent) sendJson(res, 500, graphqlErrorBody('Internal server error.', 'INTERNAL_SERVER_ERROR'));
        else res.end();
      }
    });
  });
  return closeConnectionsWhenStopping(server);
}

/** Listens and resolves with the bound URL (port 0 picks a free port, as tests do). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}
