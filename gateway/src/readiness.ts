import type { CircuitStateName } from './subgraph-fetch/circuit-breaker.ts';
import type { SubgraphUrls } from './subgraph-urls.ts';

export interface SubgraphHealth {
  name: string;
  ready: boolean;
  /** The gateway's circuit breaker for this subgraph (subgraph-fetch/circuit-breaker.ts). */
  circuit: CircuitStateName;
  detail?: string;
}

/**
 * Asks every subgraph's `/ready` (which checks its database) in parallel, each bounded by `timeoutMs`, and tells
 * each one's circuit state as the gateway's fetches see it (`closed` for one not fetched from yet).
 */
export async function checkSubgraphs(urls: SubgraphUrls, circuits: Record<string, CircuitStateName> = {}, timeoutMs = 2000): Promise<SubgraphHealth[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]): Promise<SubgraphHealth> => {
      const circuit = circuits[name] ?? 'closed';
      const readyUrl = new URL('/ready', url);
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(timeoutMs) });
        return response.ok ? { name, ready: true, circuit } : { name, ready: false, circuit, detail: `HTTP ${response.status}` };
      } catch (error) {
        return { name, ready: false, circuit, detail: (error as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable' };
      }
    }),
  );
}
