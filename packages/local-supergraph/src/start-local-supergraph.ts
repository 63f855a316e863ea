import { createCatalogSubgraph } from '@threadly/catalog';
import { createCommerceSubgraph } from '@threadly/commerce';
import type { Pool } from '@threadly/database';
import {
  createClerkAuthenticate,
  developmentClerkSessionOptions,
  readSupergraphSdl,
  startGatewayServer,
  type ClerkSessionOptions,
  type GatewayServerOptions,
  type SubgraphUrls,
} from '@threadly/gateway';
import { createIdentitySubgraph } from '@threadly/identity';
import type { Logger } from '@threadly/logger';
import { createMessagingSubgraph } from '@threadly/messaging';
import { serveSubgraph, type SubgraphDefinition, type SubgraphServer } from '@threadly/subgraph-runtime';

export interface LocalSupergraphOptions {
  /** One pool for all four subgraphs (each uses its own PostgreSQL schema); embedded PGlite needs exactly one. */
  pool: Pool;
  identitySecret: string;
  /** 0 picks free ports, as tests do. */
  ports: { gateway: number } & SubgraphUrlsOf<number>;
  host?: string;
  production?: boolean;
  /** How the gateway verifies Clerk session tokens; defaults to the development key (refused in production by config). */
  clerk?: ClerkSessionOptions;
  /** Verifies Clerk webhook deliveries at identity's `/webhooks/clerk`; the development secret when absent. */
  clerkWebhookSigningSecret?: string;
  seedWhenEmpty: boolean;
  maxBodyBytes?: number;
  /** Rate limiting, operation limits and CORS; without it: no rate limit, default operation limits, no CORS. */
  edge?: Pick<GatewayServerOptions, 'enforceRateLimit' | 'operationLimits' | 'corsOrigins' | 'trustedProxyHops'>;
  loggerFor: (component: string) => Logger;
  /** Called as each part comes up, for progress output. */
  onProgress?: (step: string) => void;
}

type SubgraphUrlsOf<T> = { [Name in keyof SubgraphUrls]: T };

export interface LocalSupergraph {
  gatewayUrl: string;
  subgraphUrls: SubgraphUrls;
  /** Stops the gateway first, then the subgraphs, so no request finds a subgraph gone. */
  stop(): Promise<void>;
}

/**
 * The whole supergraph in one process: four subgraphs and the gateway, each on its own port exactly as they
 * run as separate processes. Used by `npm start` (embedded defaults) and by the integration tests.
 */
export async function startLocalSupergraph(options: LocalSupergraphOptions): Promise<LocalSupergraph> {
  const { pool, identitySecret, host, production = false } = options;
  const servers: Array<{ definition: SubgraphDefinition; server: SubgraphServer }> = [];
  const serve = async (definition: SubgraphDefinition, port: number) => {
    options.onProgress?.(`${definition.name}: migrating${options.seedWhenEmpty ? ', seeding' : ''} and starting`);
    const server = await serveSubgraph(definition, {
      pool,
      logger: options.loggerFor(definition.name),
      port,
      host,
      production,
      migrate: true,
      seedWhenEmpty: options.seedWhenEmpty,
    });
    servers.push({ definition, server });
    return server.url;
  };
  try {
    // Identity calls catalog only when a webhook arrives; catalog is listening by then, so its URL is read lazily.
    let catalog = '';
    const identityDefinition = createIdentitySubgraph({
      pool,
      identitySecret,
      clerkWebhookSigningSecret: options.clerkWebhookSigningSecret,
      catalogUrl: () => catalog,
      logger: options.loggerFor('identity'),
    });
    const identity = await serve(identityDefinition as SubgraphDefinition, options.ports.identity);
    catalog = await serve(createCatalogSubgraph({ pool, identitySecret }) as SubgraphDefinition, options.ports.catalog);
    const commerce = await serve(createCommerceSubgraph({ pool, identitySecret }) as SubgraphDefinition, options.ports.commerce);
    const messaging = await serve(
      createMessagingSubgraph({ pool, identitySecret, catalogUrl: catalog }) as SubgraphDefinition,
      options.ports.messaging,
    );
    const subgraphUrls: SubgraphUrls = { identity, catalog, commerce, messaging };
    options.onProgress?.('gateway: starting');
    const gateway = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls,
      identitySecret,
      production,
      authenticate: createClerkAuthenticate({
        session: options.clerk ?? developmentClerkSessionOptions(),
        identityUrl: identity,
        identitySecret,
        logger: options.loggerFor('gateway'),
      }),
      ...options.edge,
      maxBodyBytes: options.maxBodyBytes ?? 100_000,
      port: options.ports.gateway,
      host,
      logger: options.loggerFor('gateway'),
    });
    return {
      gatewayUrl: gateway.url,
      subgraphUrls,
      stop: async () => {
        await gateway.stop();
        await stopAll(servers);
      },
    };
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

async function stopAll(servers: Array<{ definition: SubgraphDefinition; server: SubgraphServer }>) {
  for (const { definition, server } of servers.reverse()) {
    await server.stop();
    await definition.close();
  }
}
