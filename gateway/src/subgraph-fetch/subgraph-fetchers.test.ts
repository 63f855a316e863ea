import { describe, expect, it } from 'vitest';
import { createSubgraphFetchers, DEFAULT_SUBGRAPH_FETCH_OPTIONS } from './subgraph-fetchers.ts';

describe('createSubgraphFetchers', () => {
  it('gives every caller of one subgraph the same fetcher, so HTTP and subscriptions share its one circuit', async () => {
    const fetchers = createSubgraphFetchers(DEFAULT_SUBGRAPH_FETCH_OPTIONS);
    try {
      const forHttp = fetchers.fetcherFor('identity');
      expect(fetchers.fetcherFor('identity')).toBe(forHttp);
      expect(fetchers.fetcherFor('catalog')).not.toBe(forHttp);
      expect(fetchers.circuitStates()).toEqual({ identity: 'closed', catalog: 'closed' });
    } finally {
      await fetchers.close();
    }
  });
});
