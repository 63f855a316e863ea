import { describe, expect, it } from 'vitest';
import { verifyViewer } from '@threadly/identity-headers';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { subgraphUnavailable } from './subgraph-fetch/subgraph-unavailable.ts';

const secret = 'gateway-test-secret'.padEnd(40, '-');

function sentHeaders(context: object) {
  const headers = new Map<string, string>();
  const request = { http: { url: 'http://subgraph/graphql', method: 'POST', headers } };
  new SubgraphDataSource('http://subgraph/graphql', secret).willSendRequest({ request, context } as never);
  return headers;
}

describe('SubgraphDataSource', () => {
  it('forwards the request id and a signed viewer', () => {
    const headers = sentHeaders({ requestId: 'req-42', viewer: { userId: 'u1', role: 'SELLER' } });
    expect(headers.get('x-request-id')).toBe('req-42');
    expect(verifyViewer(headers.get('x-threadly-viewer'), secret)).toEqual({ status: 'valid', viewer: { userId: 'u1', role: 'SELLER' } });
  });

  it('sends no viewer header for anonymous requests', () => {
    const headers = sentHeaders({ requestId: 'req-43', viewer: null });
    expect(headers.has('x-threadly-viewer')).toBe(false);
  });
});

describe('SubgraphDataSource fetch timings', () => {
  const answer = (body: object) => async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  const processWith = async (fetcher: () => Promise<Response>, context: object) => {
    const source = new SubgraphDataSource('http://subgraph/graphql', secret, fetcher as never, 'catalog');
    const request = { query: '{ products { id } }', http: { url: 'http://subgraph/graphql', method: 'POST', headers: new Headers() } };
    return source.process({ kind: 'incoming operation', request, context, incomingRequestContext: {} } as never);
  };

  it("records each fetch, named and timed, in its request's log with how it ended", async () => {
    const context = { requestId: 'req-44', viewer: null, subgraphFetches: { fetches: [], dropped: 0 } };
    await processWith(answer({ data: { products: [] } }), context);
    await processWith(answer({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }), context);
    await expect(processWith(async () => Promise.reject(subgraphUnavailable('catalog')), context)).rejects.toThrow();
    expect(context.subgraphFetches.fetches).toEqual([
      { name: 'catalog', ms: expect.any(Number), outcome: 'ok' },
      { name: 'catalog', ms: expect.any(Number), outcome: 'errors' },
      { name: 'catalog', ms: expect.any(Number), outcome: 'unavailable' },
    ]);
  });

  it('records nothing for a context without a log (a subscription event)', async () => {
    const context = { requestId: 'req-45', viewer: null };
    await processWith(answer({ data: { products: [] } }), context);
    expect(context).toEqual({ requestId: 'req-45', viewer: null });
  });
});
