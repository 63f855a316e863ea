import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { createErrorFormatter } from '@threadly/errors';
import { createGraphQLRoutes, createHttpServer, listen, sendJson } from '@threadly/http-server';
import type { Logger } from '@threadly/logger';
import type { SubgraphDefinition } from './subgraph-definition.ts';
import { serveSubscriptions, type SubscriptionServer } from './subscription-server.ts';

export interface SubgraphServerOptions {
  port: number;
  host?: string;
  production: boolean;
  logger: Logger;
  /** Liveness of what the subgraph depends on (its database), for `/ready`. */
  checkReady: () => Promise<void>;
}

export interface SubgraphServer {
  /** `http://…/graphql`; subscriptions are served at the same path as `ws://…/graphql`. */
  url: string;
  /** The graphql-ws side, when the schema has a `Subscription` type. */
  subscriptions: SubscriptionServer | undefined;
  /** Completes subscriptions and closes their sockets, stops accepting connections and waits for in-flight requests. */
  stop(): Promise<void>;
}

export async function startSubgraphServer<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  { port, host, production, logger, checkReady }: SubgraphServerOptions,
): Promise<SubgraphServer> {
  const routes: Parameters<typeof createHttpServer>[0] = [];
  const server = createHttpServer(routes, (error) => logger.error({ err: error }, 'unhandled request failure'));
  const apollo = new ApolloServer<Context>({
    schema: definition.schema,
    formatError: createErrorFormatter({ production, logUnexpected: (err) => logger.error({ err }, 'resolver failure') }),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // "Did you mean …?" suggestions would reveal the schema that introspection hides.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // Shutdown is orchestrated by the process (gateway first, then subgraphs, then the database); Apollo's own
    // signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Each response's policy from the @cacheControl hints it touched, as `Cache-Control`: the gateway merges the
      // subgraphs' headers into the policy its response cache uses (see gateway/src/plugins/response-cache.ts).
      ApolloServerPluginCacheControl({ calculateHttpHeaders: true, defaultMaxAge: 0 }),
      // Federated traces (ftv1) are only read by Apollo GraphOS, which this graph does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();
  routes.push(
    ...createGraphQLRoutes(apollo, {
      context: (req, info) => definition.createContext({ headers: req.headers, requestId: info.requestId }),
    }),
    ...(definition.routes ?? []),
    { method: 'GET', path: '/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }) },
    {
      method: 'GET',
      path: '/ready',
      handler: async (_req, res) => {
        try {
          await checkReady();
          sendJson(res, 200, { status: 'ready', subgraph: definition.name });
        } catch (error) {
          logger.warn({ err: error }, 'not ready');
          sendJson(res, 503, { status: 'unavailable', subgraph: definition.name, reason: 'database unreachable' });
        }
      },
    },
  );
  const subscriptions = subscriptionServer(server, definition, { production, logger });
  const url = await listen(server, port, host);
  return {
    url: `${url}/graphql`,
    subscriptions,
    stop: async () => {
      await subscriptions?.stop();
      await apollo.stop();
    },
  };
}

function subscriptionServer<Context extends BaseContext>(
  server: Parameters<typeof serveSubscriptions>[0],
  definition: SubgraphDefinition<Context>,
  options: { production: boolean; logger: Logger },
): SubscriptionServer | undefined {
  if (!definition.schema.getSubscriptionType()) return undefined;
  if (!definition.subscriptions) throw new Error(`${definition.name}: the schema has subscriptions but the definition has no \`subscriptions\` settings`);
  return serveSubscriptions(server, definition, { ...options, identitySecret: definition.subscriptions.identitySecret });
}
