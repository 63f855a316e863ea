import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@threadly/logger';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ResponseCache } from '../cache/response-cache-store.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { operationResolutionPlugin } from './operation-resolution-plugin.ts';
import type { PersistedOperationsOptions } from './persisted-operations-env.ts';
import { persistedOperationsPlugin } from './persisted-operations-plugin.ts';
import { responseCachePlugins } from './response-cache.ts';
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
  logger: Pick<Logger, 'warn'>;
}

/** The gateway's Apollo plugins besides draining, each behaviour in its own file under `plugins/`. */
export function createGatewayPlugins({ production, maxTokens, responseCache, persistedOperations, logger }: GatewayPluginOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // First, so that its refusal is the one a refused request gets.
    ...(persistedOperations ? [persistedOperationsPlugin({ ...persistedOperations, allowIntrospection: !production, logger })] : []),
    production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    tokenLimitMessagePlugin(maxTokens),
    operationResolutionPlugin(),
    textInputPlugin(),
    ...(responseCache ? responseCachePlugins(responseCache) : []),
  ];
}
