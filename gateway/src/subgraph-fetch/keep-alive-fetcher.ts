import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent } from 'undici';
import { BufferedResponse } from './buffered-response.ts';

export interface KeepAliveFetcher {
  fetcher: Fetcher;
  close(): Promise<void>;
}

/**
 * Gateway → subgraph HTTP over undici: one connection pool per subgraph origin (the Agent keeps one `Pool` per
 * origin), at most `connectionsPerSubgraph` sockets each, kept alive between requests. `request()` is used rather
 * than undici's `fetch`, which builds WHATWG Request/Response/stream objects per call (bench/subgraph-fetcher.ts
 * measures both). Bodies are read whole: subgraph answers are JSON the gateway parses anyway.
 */
export function createKeepAliveFetcher({ connectionsPerSubgraph }: { connectionsPerSubgraph: number }): KeepAliveFetcher {
  const agent = new Agent({ connections: connectionsPerSubgraph, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      targets.set(url, target);
    }
    return target;
  };
  const fetcher: Fetcher = async (url, init = {}) => {
    const { origin, path } = targetOf(url);
    const response = await agent.request({
      origin,
      path,
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    return new BufferedResponse(url, response.statusCode, response.headers, await response.body.text());
  };
  return { fetcher, close: () => agent.close() };
}
