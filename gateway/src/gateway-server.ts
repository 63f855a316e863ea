import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createErrorFormatter } from '@threadly/errors';
import { createGraphQLRoutes, createHttpServer, listen, sendJson, type HttpRoute } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import { corsHook } from './edge/cors-hook.ts';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, type OperationLimits } from './edge/operation-limits.ts';
import type { GatewayContext } from './gateway-context.ts';
import { createGatewayPlugins } from './plugins/index.ts';
import { createClientIpResolver } from './edge/client-ip.ts';
import { createRequestContextFactory, type Authenticate, type EnforceRateLimit } from './request-context.ts';
import type { ValidationRule } from 'graphql';
import { checkSubgraphs } from './readiness.ts';
import { disableApolloUsageTelemetry } from './env.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { createWebhookForwardingRoute, STRIPE_WEBHOOK_HEADERS } from './webhook-forwarding.ts';
import type { SubgraphUrls } from './subgraph-urls.ts';
import { startSubscriptionServer } from './subscriptions/subscription-server.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './subscriptions/subscription-settings.ts';

export interface GatewayServerOptions {
  /** Who each request comes from (Clerk sign-in, `createClerkAuthenticate`); defaults to everyone anonymous. */
  authenticate?: Authenticate;
  /** How many reverse proxies in front of the gateway append to X-Forwarded-For (0: clients connect directly). */
  trustedProxyHops?: number;
  /** Rejects principals over their limit; defaults to no limit. */
  enforceRateLimit?: EnforceRateLimit;
  /** Largest operation accepted (depth, aliases, root fields, directives, tokens); defaults to DEFAULT_OPERATION_LIMITS. */
  operationLimits?: OperationLimits;
  /** Extra GraphQL validation rules, besides the operation limits. */
  validationRules?: ValidationRule[];
  /** Browser origins allowed cross-origin (CORS, with credentials); defaults to none. */
  corsOrigins?: readonly string[];
  /** Caches whole query responses by the subgraphs' cache hints (`createResponseCacheStore`); absent: no response cache. */
  responseCache?: KeyValueCache<string>;
  /** Limits of the WebSocket subscription endpoint; defaults to DEFAULT_SUBSCRIPTION_SETTINGS. */
  subscriptions?: Partial<SubscriptionSettings>;
  supergraphSdl: string;
  subgraphUrls: SubgraphUrls;
  identitySecret: string;
  production: boolean;
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
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'unhandled request failure'), {
    beforeRoutes: corsHook(options.corsOrigins ?? []),
  });
  const operationLimits = options.operationLimits ?? DEFAULT_OPERATION_LIMITS;
  disableApolloUsageTelemetry();
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
    // The lexer stops at the token limit, before a huge document is ever built (see plugins/token-limit-message-plugin.ts).
    parseOptions: { maxTokens: operationLimits.tokens },
    validationRules: [...operationLimitRules(operationLimits), ...(options.validationRules ?? [])],
    // A JSON array of operations would multiply every per-request limit above; clients send one operation per request.
    allowBatchedHttpRequests: false,
    // Shutdown is orchestrated by the process (gateway first, then subgraphs, then the database); Apollo's own
    // signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ...createGatewayPlugins({ production, maxTokens: operationLimits.tokens, responseCache: options.responseCache })],
  });
  await apollo.start();
  const authenticate: Authenticate = options.authenticate ?? (async (_req, ip) => ({ kind: 'anonymous', ip }));
  const createContext = createRequestContextFactory(
    authenticate,
    options.enforceRateLimit ?? (async () => undefined),
    createClientIpResolver(options.trustedProxyHops ?? 0),
  );
  const subscriptions = startSubscriptionServer({
    server,
    path: '/graphql',
    supergraphSdl: options.supergraphSdl,
    subgraphUrls: { ...subgraphUrls },
    identitySecret: options.identitySecret,
    createContext,
    authenticate,
    operationLimits,
    maxPayloadBytes: options.maxBodyBytes,
    settings: { ...DEFAULT_SUBSCRIPTION_SETTINGS, ...options.subscriptions },
    production,
    logger,
  });
  routes.push(
    ...createGraphQLRoutes(apollo, { maxBodyBytes: options.maxBodyBytes, context: createContext }),
    createWebhookForwardingRoute({ path: '/webhooks/clerk', target: new URL('/webhooks/clerk', subgraphUrls.identity).toString(), logger }),
    createWebhookForwardingRoute({
      path: '/webhooks/stripe',
      target: new URL('/webhooks/stripe', subgraphUrls.commerce).toString(),
      headers: STRIPE_WEBHOOK_HEADERS,
      logger,
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
  return {
    url: `${base}/graphql`,
    // Subscriptions first: open WebSockets would otherwise keep the HTTP server from closing.
    stop: async () => {
      await subscriptions.stop();
      await apollo.stop();
    },
  };
}
