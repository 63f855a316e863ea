import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { signViewer } from '@threadly/identity-headers';
import { createHttpServer, graphqlErrorBody, listen, readBodyOrRefuse, sendJson, type HttpRoute } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import { forwardedClientIp } from '../edge/client-ip.ts';
import { admitRequest, type Authenticate, type EnforceRateLimit } from '../request-context.ts';
import { breakWith, continueWith, coprocessorRequestSchema, nodeHeaders, VIEWER_CONTEXT_KEY, type CoprocessorRequest } from './coprocessor-payload.ts';

export interface RouterCoprocessorOptions {
  authenticate: Authenticate;
  enforceRateLimit: EnforceRateLimit;
  /** IDENTITY_HEADER_SECRET: the subgraphs verify the viewer header with it. */
  identitySecret: string;
  /**
   * Proxies in front of the Router that append to X-Forwarded-For (at least the load balancer: the Router does not
   * tell a coprocessor the client's address). The client is the entry this many from the right.
   */
  trustedProxyHops: number;
  logger: Logger;
  port: number;
  host?: string;
}

export interface RouterCoprocessor {
  url: string;
  stop(): Promise<void>;
}

/** Largest externalized request accepted: headers and context only (router.yaml sends no body), so far below this. */
const MAX_PAYLOAD_BYTES = 1_000_000;

/**
 * The Apollo Router coprocessor that gives the Router what the Node gateway does before planning (README, "Serving
 * the graph with Apollo Router"): at the RouterRequest stage it signs the client in (Clerk session token or partner
 * API key, through the gateway's own `authenticate`), charges the rate limit, and writes the signed viewer into the
 * request context, from where docs/router/rhai/viewer-header.rhai puts it on every subgraph request. A refused
 * request ends there with the status and GraphQL error the Node gateway would answer (401, 429 with Retry-After,
 * 503 while identity cannot be reached). Other stages are passed through untouched.
 */
export async function startRouterCoprocessor(options: RouterCoprocessorOptions): Promise<RouterCoprocessor> {
  const { logger } = options;
  const routes: HttpRoute[] = [
    { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'POST',
      path: '/',
      handler: async (req, res) => {
        const body = await readBodyOrRefuse(req, res, MAX_PAYLOAD_BYTES);
        if (!body) return;
        const parsed = coprocessorRequestSchema.safeParse(parseJson(body));
        if (!parsed.success) {
          const problem = parsed.error.issues[0];
          return sendJson(res, 400, graphqlErrorBody(`Not a Router coprocessor request: ${problem?.path.join('.') || 'body'} — ${problem?.message ?? 'expected JSON'}.`, 'BAD_REQUEST'));
        }
        sendJson(res, 200, await answer(parsed.data, options));
      },
    },
  ];
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'router coprocessor: unexpected failure'));
  const url = await listen(server, options.port, options.host);
  logger.info({ url }, 'router coprocessor ready');
  return {
    url,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The client's address for anonymous rate limits. The Router does not pass on its peer's address, so it is read from
 * X-Forwarded-For, at least one hop (the load balancer in front of the Router); without the header every anonymous
 * client shares one bucket, which the README's Router section warns about.
 */
const clientIpOf = (headers: IncomingHttpHeaders, hops: number) => forwardedClientIp(headers['x-forwarded-for'], Math.max(1, hops), 'unknown');

async function answer(request: CoprocessorRequest, options: RouterCoprocessorOptions) {
  if (request.stage !== 'RouterRequest') return continueWith(request, {});
  const headers: IncomingHttpHeaders = nodeHeaders(request);
  try {
    const principal = await admitRequest(options.authenticate, options.enforceRateLimit, { headers }, clientIpOf(headers, options.trustedProxyHops));
    return continueWith(request, principal.kind === 'user' ? { [VIEWER_CONTEXT_KEY]: signViewer(principal.viewer, options.identitySecret) } : {});
  } catch (error) {
    if (error instanceof GraphQLError) return breakWith(request, error);
    options.logger.error({ err: error }, 'router coprocessor: sign-in failed unexpectedly');
    return breakWith(request, new GraphQLError('Sign-in failed unexpectedly. Try again.', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } }));
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
