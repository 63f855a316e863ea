import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayContext } from '../gateway-context.ts';

/** The gateway's Apollo plugins besides draining, each behaviour in its own file under `plugins/`. */
export function createGatewayPlugins({ production }: { production: boolean }): ApolloServerPlugin<GatewayContext>[] {
  return [production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })];
}
