import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER, VIEWER_HEADER, signViewer } from '@threadly/identity-headers';
import { recordSubgraphCacheTags } from './cache/request-cache-state.ts';
import type { GatewayContext } from './gateway-context.ts';

/**
 * Every subgraph fetch carries the request id (for correlating logs) and, when someone is signed in, the
 * viewer signed with the shared secret: the subgraphs trust that header and nothing else the client sent.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly identitySecret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers || !('requestId' in context)) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.viewer) headers.set(VIEWER_HEADER, signViewer(context.viewer, this.identitySecret));
  }

  /** Each response's entity tags go to its request, for the response cache (cache/request-cache-state.ts). */
  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    if ('requestId' in context) recordSubgraphCacheTags(context, response);
    return response;
  }
}
