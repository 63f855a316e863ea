import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createErrorFormatter } from '@threadly/errors';
import { createGraphQLRoutes, createHttpServer, listen, sendJson, type HttpRoute } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import { viewerFromDevHeaders } from './dev-impersonation.ts';
import type { GatewayContext } from './gateway-context.ts';
import { createGatewayPlugins } from './plugins/index.ts';
import { clientIpOf, createRequestContextFactory, type Authenticate, type EnforceRateLimit } from './request-context.ts';
import type { ValidationRule } from 'graphql';
import { checkSubgraphs } from './readiness.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import type { SubgraphUrls } from './subgraph-urls.ts';

export interface GatewayServerOptions {
  /** Who each request comes from; defaults to development impersonation when enabled, else anonymous. */
  authenticate?: Authenticate;
  /** Rejects principals over their limit; defaults to no limit. */
  enforceRateLimit?: EnforceRateLimit;
  /** Extra GraphQL validation rules (operation depth, aliases, …). */
  validationRules?: ValidationRule[];
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  identitySecret: string;
  production: boolean;
  devImpersonation: boolean;
  maxBodyBytes: number;
  port: number;
  host?: string;
  logger: Logger;
}

export interface GatewayServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  stop(): Promise<void>;
}

/** The public entry point: the composed supergraph over HTTP, plus `/health` and `/ready`. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { logger, production, subgraphUrls } = options;
  const routes: HttpRoute[] = [];
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'unhandled request failure'));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(subgraphUrls[name as keyof SubgraphUrls] ?? url ?? '', options.identitySecret),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter({ production, logUnexpected: (err) => logger.error({ err }, 'request failure') }),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // "Did you mean …?" suggestions would reveal the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    validationRules: options.validationRules ?? [],
    // Shutdown is orchestrated by the process (gateway first, then subgraphs, then the database); Apollo's own
    // signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ...createGatewayPlugins({ production })],
  });
  await apollo.start();
  if (options.devImpersonation) {
    logger.warn('DEV_IMPERSONATION is on: any request may act as any user with x-dev-user-id. Never enable it in production.');
  }
  routes.push(
    ...createGraphQLRoutes(apollo, {
      maxBodyBytes: options.maxBodyBytes,
      context: createRequestContextFactory(
        options.authenticate ??
          (async (req) => {
            const viewer = options.devImpersonation ? viewerFromDevHeaders(req) : null;
            return viewer ? { kind: 'user', viewer } : { kind: 'anonymous', ip: clientIpOf(req) };
          }),
        options.enforceRateLimit ?? (async () => undefined),
      ),
    }),
    { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/ready',
      handler: async (_req, res) => {
        const subgraphs = await checkSubgraphs(subgraphUrls);
        const ready = subgraphs.every((subgraph) => subgraph.ready);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', subgraphs });
      },
    },
  );
  const base = await listen(server, options.port, options.host);
  return { url: `${base}/graphql`, stop: () => apollo.stop() };
}
