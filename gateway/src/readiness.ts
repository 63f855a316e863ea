import type { SubgraphUrls } from './subgraph-urls.ts';

export interface SubgraphHealth {
  name: string;
  ready: boolean;
  detail?: string;
}

/** Asks every subgraph's `/ready` (which checks its database) in parallel, each bounded by `timeoutMs`. */
export async function checkSubgraphs(urls: SubgraphUrls, timeoutMs = 2000): Promise<SubgraphHealth[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const readyUrl = new URL('/ready', url);
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(timeoutMs) });
        return response.ok ? { name, ready: true } : { name, ready: false, detail: `HTTP ${response.status}` };
      } catch (error) {
        return { name, ready: false, detail: (error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable' };
      }
    }),
  );
}
