import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ResponseCache } from '../cache/response-cache-store.ts';
import type { GatewayContext } from '../gateway-context.ts';
import { operationResolutionPlugin } from './operation-resolution-plugin.ts';
import { responseCachePlugins } from './response-cache.ts';
import { textInputPlugin } from './text-input-plugin.ts';
import { tokenLimitMessagePlugin } from './token-limit-message-plugin.ts';

export interface GatewayPluginOptions {
  production: boolean;
  /** The token limit given to Apollo's parseOptions, for the message a refused client reads. */
  maxTokens: number;
  /** Where whole query responses are cached (see response-cache.ts); absent: no response cache. */
  responseCache?: ResponseCache;
}

/** The gateway's Apollo plugins besides draining, each behaviour in its own file under `plugins/`. */
export function createGatewayPlugins({ production, maxTokens, responseCache }: GatewayPluginOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    tokenLimitMessagePlugin(maxTokens),
    operationResolutionPlugin(),
    textInputPlugin(),
    ...(responseCache ? responseCachePlugins(responseCache) : []),
  ];
}
