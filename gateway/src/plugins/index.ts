import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@threadly/logger';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ResponseCache } from '../cache/response-cache-store.ts';
import type { GatewayContext } from '../gateway-context.ts';
import type { ResponseCacheStatus } from '../metrics/cache-metrics.ts';
import { operationResolutionPlugin } from './operation-resolution-plugin.ts';
import type { PersistedOperationsOptions } from './persisted-operations-env.ts';
import { persistedOperationsPlugin } from './persisted-operations-plugin.ts';
import { requestLogPlugin } from './request-log-plugin.ts';
import { responseCachePlugins } from './response-cache.ts';
import { subgraphUnavailablePlugin } from './subgraph-unavailable-plugin.ts';
import { textInputPlugin } from './text-input-plugin.ts';
import { tokenLimitMessagePlugin } from './token-limit-message-plugin.ts';

export interface GatewayPluginOptions {
  production: boolean;
  /** The token limit given to Apollo's parseOptions, for the message a refused client reads. */
  maxTokens: number;
  /** Where whole query responses are cached (see response-cache.ts); absent: no response cache. */
  responseCache?: ResponseCache;
  /** Trusted documents and the first-party mode (see persisted-operations-plugin.ts); absent: anything runs. */
  persistedOperations?: PersistedOperationsOptions;
  logger: Pick<Logger, 'info' | 'warn' | 'isLevelEnabled'>;
  /**
   * Per-operation request, duration and error metrics (@threadly/metrics). After the plugins that rewrite errors, so
   * it counts those the client receives; its timing does not suffer, as every plugin's requestDidStart runs at once.
   */
  operationMetrics?: ApolloServerPlugin<GatewayContext>;
  /** Told each request's response-cache status (HIT, MISS, BYPASS), for the hit ratio in `/metrics`. */
  onResponseCacheStatus?: (status: ResponseCacheStatus) => void;
}

/** The gateway's Apollo plugins besides draining, each behaviour in its own file under `plugins/`. */
export function createGatewayPlugins({ production, maxTokens, responseCache, persistedOperations, logger, operationMetrics, onResponseCacheStatus }: GatewayPluginOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // First of the behaviours, so that its refusal is the one a refused request gets.
    ...(persistedOperations ? [persistedOperationsPlugin({ ...persistedOperations, allowIntrospection: !production, logger })] : []),
    production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    tokenLimitMessagePlugin(maxTokens),
    operationResolutionPlugin(),
    textInputPlugin(),
    subgraphUnavailablePlugin(),
    ...(responseCache ? responseCachePlugins(responseCache, onResponseCacheStatus) : []),
    // After subgraphUnavailablePlugin: it counts the errors of the response as sent, one per unavailable subgraph.
    ...(operationMetrics ? [operationMetrics] : []),
    // Last: it reports the `x-cache` status the response cache's plugins set.
    requestLogPlugin(logger),
  ];
}
