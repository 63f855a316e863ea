import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import { REQUEST_ID_HEADER, VIEWER_HEADER, signViewer } from '@threadly/identity-headers';
import { injectTraceContext } from '@threadly/tracing';
import { recordSubgraphCacheTags } from './cache/request-cache-state.ts';
import type { GatewayContext } from './gateway-context.ts';
import { failedFetchOutcome, recordSubgraphFetch } from './request-log/subgraph-fetch-log.ts';

/**
 * Every subgraph fetch carries the request id (for correlating logs), the W3C trace context when tracing is on, and,
 * when someone is signed in, the viewer signed with the shared secret: the subgraphs trust that header and nothing else the client sent.
 * `fetcher` is how it reaches the subgraph (subgraph-fetch/: keep-alive pools, in-flight dedupe); without one,
 * Apollo's default. `name` is the subgraph's, as the request's log line names its fetches.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly identitySecret: string,
    fetcher?: Fetcher,
    private readonly subgraphName = 'subgraph',
  ) {
    super(fetcher ? { url, fetcher } : { url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers) return;
    // @apollo/gateway calls this inside its `gateway.fetch` span: the subgraph's spans become that fetch's children.
    injectTraceContext((name, value) => headers.set(name, value));
    if (!('requestId' in context)) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.viewer) headers.set(VIEWER_HEADER, signViewer(context.viewer, this.identitySecret));
  }

  /** Times the whole fetch (retries and waits for a shared in-flight answer included) for the request's log line. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const startedAt = performance.now();
    const context = options.context as Partial<GatewayContext>;
    try {
      const response = await super.process(options);
      recordSubgraphFetch(context, this.subgraphName, startedAt, response.errors?.length ? 'errors' : 'ok');
      return response;
    } catch (error) {
      recordSubgraphFetch(context, this.subgraphName, startedAt, failedFetchOutcome(error));
      throw error;
    }
  }

  /** Each response's entity tags go to its request, for the response cache (cache/request-cache-state.ts). */
  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    if ('requestId' in context) recordSubgraphCacheTags(context, response);
    return response;
  }
}
