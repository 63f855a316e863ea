import { describe, expect, it } from 'vitest';
import { verifyViewer } from '@threadly/identity-headers';
import { SubgraphDataSource } from './subgraph-data-source.ts';

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
