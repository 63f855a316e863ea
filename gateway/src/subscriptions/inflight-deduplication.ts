import type { GraphQLDataSource, GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from '../gateway-context.ts';

const viewerKey = (context: Partial<GatewayContext> | undefined) => (context?.viewer ? `${context.viewer.userId}:${context.viewer.role}` : 'anonymous');

/**
 * One event reaches every subscriber of a conversation at the same moment, and each completes it with the same
 * entity fetches (the sender's profile, the product). Identical fetches in flight at the same time — same
 * subgraph, same viewer (they are authorized as that viewer), same operation and variables — are sent once and
 * their answer shared (each waiter gets its own copy: the executor writes into what it receives). Nothing is
 * kept once the answer is in, so nothing can go stale.
 */
export function deduplicateInflightFetches(dataSources: ServiceMap): ServiceMap {
  return Object.fromEntries(
    Object.entries(dataSources).map(([name, dataSource]) => {
      const inflight = new Map<string, Promise<GatewayGraphQLResponse>>();
      const deduplicated: GraphQLDataSource = {
        async process(options: GraphQLDataSourceProcessOptions) {
          const { query, variables } = options.request;
          const key = `${viewerKey(options.context as Partial<GatewayContext>)}\n${query}\n${JSON.stringify(variables ?? {})}`;
          let answer = inflight.get(key);
          if (!answer) {
            answer = dataSource.process(options).finally(() => inflight.delete(key));
            inflight.set(key, answer);
          }
          return structuredClone(await answer);
        },
      };
      return [name, deduplicated];
    }),
  );
}
