import { createCatalogSubgraph } from '@threadly/catalog';
import { createCommerceSubgraph } from '@threadly/commerce';
import type { Pool } from '@threadly/database';
import { readSupergraphSdl, startGatewayServer, type SubgraphUrls } from '@threadly/gateway';
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
  devImpersonation?: boolean;
  seedWhenEmpty: boolean;
  maxBodyBytes?: number;
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
    const identity = await serve(createIdentitySubgraph({ pool, identitySecret }) as SubgraphDefinition, options.ports.identity);
    const catalog = await serve(createCatalogSubgraph({ pool, identitySecret }) as SubgraphDefinition, options.ports.catalog);
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
      devImpersonation: options.devImpersonation ?? false,
      maxBodyBytes: options.maxBodyBytes ?? 1_000_000,
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
