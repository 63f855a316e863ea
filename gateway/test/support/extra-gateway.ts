import { createLogger, type Logger } from '@threadly/logger';
import { createGatewayAuthenticate, type GatewayAuthenticateOptions } from '../../src/auth/gateway-authenticate.ts';
import { developmentClerkSessionOptions } from '../../src/auth/clerk-env.ts';
import { startGatewayServer, type GatewayServerOptions } from '../../src/gateway-server.ts';
import { readSupergraphSdl } from '../../src/supergraph-sdl.ts';
import type { SubgraphUrls } from '../../src/subgraph-urls.ts';
import { TEST_IDENTITY_SECRET } from './test-supergraph.ts';

/**
 * A second gateway over a test supergraph's subgraphs, with real sign-in (development Clerk key) and partner keys,
 * for suites that need a gateway configured differently from the harness's own (a mode, a store, a limit).
 */
export function startExtraGateway(
  subgraphUrls: SubgraphUrls,
  options: Partial<Omit<GatewayServerOptions, 'authenticate'>> &
    Pick<GatewayAuthenticateOptions, 'partnerKeyCacheTtlMs' | 'userCacheTtlMs' | 'identityStaleIfErrorMs'> & { logger?: Logger } = {},
) {
  const { partnerKeyCacheTtlMs, userCacheTtlMs, identityStaleIfErrorMs, logger = createLogger('gateway', 'silent'), ...overrides } = options;
  return startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls,
    identitySecret: TEST_IDENTITY_SECRET,
    production: false,
    authenticate: createGatewayAuthenticate({
      session: developmentClerkSessionOptions(),
      identityUrl: subgraphUrls.identity,
      identitySecret: TEST_IDENTITY_SECRET,
      logger,
      partnerKeyCacheTtlMs,
      userCacheTtlMs,
      identityStaleIfErrorMs,
    }),
    maxBodyBytes: 100_000,
    port: 0,
    logger,
    ...overrides,
  });
}
