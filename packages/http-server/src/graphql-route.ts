import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { endCompressible, type CompressionOptions } from './compression.ts';
import type { HttpRoute, RequestInfo } from './http-server.ts';
import { readBodyOrRefuse } from './read-body.ts';
import { graphqlErrorBody, sendJson } from './send-json.ts';

export interface GraphQLRouteOptions<Context extends BaseContext> {
  path?: string;
  maxBodyBytes?: number;
  context: (req: IncomingMessage, info: RequestInfo) => Promise<Context>;
  /**
   * Compress responses for clients that ask (Accept-Encoding br or gzip); absent: never. The gateway sets it for its
   * clients; subgraphs leave it off, since their only client is the gateway on loopback, where compressing costs CPU
   * on both ends and saves nothing.
   */
  compression?: CompressionOptions;
  /**
   * Told of each request this route refuses itself, before Apollo sees it (a body over the limit, not UTF-8 or not
   * JSON, a query string that is not UTF-8), all BAD_REQUEST: no Apollo plugin hears of those, so the gateway logs
   * them from here.
   */
  onRefused?: (req: IncomingMessage, info: RequestInfo, status: number) => void;
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

// JSON between systems must be UTF-8 (RFC 8259 §8.1). Buffer#toString would turn broken bytes into U+FFFD and let
// the request through with text the client never sent; a BOM is kept (not skipped), so JSON.parse refuses it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether every percent-escape of a GET's query string decodes as UTF-8 (URLSearchParams would substitute U+FFFD). */
function isUtf8QueryString(search: string): boolean {
  try {
    decodeURIComponent(search.replaceAll('+', ' '));
    return true;
  } catch {
    return false;
  }
}

/** GET and POST routes that hand requests to Apollo Server, as Apollo's guide to custom integrations does. */
export function createGraphQLRoutes<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  { path = '/graphql', maxBodyBytes = 1_000_000, context, compression, onRefused }: GraphQLRouteOptions<Context>,
): HttpRoute[] {
  const handler = async (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => {
    const headers = headerMapOf(req);
    const refuse = (message: string) => {
      sendJson(res, 400, graphqlErrorBody(message, 'BAD_REQUEST'));
      onRefused?.(req, info, 400);
    };
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBodyOrRefuse(req, res, maxBodyBytes);
      if (!raw) return onRefused?.(req, info, 413);
      const contentType = headers.get('content-type') ?? '';
      if (contentType.includes('json') && raw.length > 0) {
        let text: string;
        try {
          text = strictUtf8.decode(raw);
        } catch {
          return refuse('The request body is not valid UTF-8.');
        }
        try {
          body = JSON.parse(text);
        } catch {
          return refuse('The request body is not valid JSON.');
        }
      }
    } else if (!isUtf8QueryString(info.url.search)) {
      return refuse('The query string is not valid percent-encoded UTF-8.');
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: info.url.search, body },
      context: () => context(req, info),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (compression) await endCompressible(req, res, response.body.string, compression);
      else res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return [
    { method: 'GET', path, handler },
    { method: 'POST', path, handler },
  ];
}
