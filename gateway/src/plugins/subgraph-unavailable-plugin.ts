import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context.ts';
import { oneErrorPerSubgraph } from '../subgraph-fetch/one-error-per-subgraph.ts';

/**
 * A partial answer names each unavailable subgraph once (see subgraph-fetch/one-error-per-subgraph.ts), however
 * many of the plan's fetches went to it. Runs on the formatted response, after the errors were masked.
 */
export function subgraphUnavailablePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (errors && errors.length > 1) response.body.singleResult.errors = oneErrorPerSubgraph(errors);
        },
      };
    },
  };
}
