import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { REQUEST_ID_HEADER } from '@threadly/identity-headers';
import { TRACE_CONTEXT_HEADERS } from '@threadly/tracing';

export interface InflightDedupeOptions {
  /** Headers that differ per request without changing the answer; every other header is part of the key. */
  ignoredHeaders?: readonly string[];
  /** Told, for every fetch that could be shared, whether it was (true) or went upstream (false). */
  onFetch?: (shared: boolean) => void;
}

const QUERY_BODY_PREFIX = '{"query":"';

/**
 * Whether a subgraph request is a query, judged from the body @apollo/gateway sends (`{"query":"<document>",…}`,
 * one operation per document): its first token is `{` or `query`. Anything else — a mutation, a subscription, a
 * body in another shape, a document that names a mutation anywhere — is not shared: when unsure, send it.
 */
export function isQueryBody(body: FetcherRequestInit['body']): boolean {
  if (typeof body !== 'string' || !body.startsWith(QUERY_BODY_PREFIX)) return false;
  const start = QUERY_BODY_PREFIX.length;
  const opensQuery = body[start] === '{' || (body.startsWith('query', start) && /[\s({$]/.test(body[start + 5] ?? ''));
  return opensQuery && !/\b(mutation|subscription)\b/.test(body);
}

/** What makes two requests the same request: method, URL, every header that can change the answer, body. */
function keyOf(url: string, init: FetcherRequestInit, ignored: ReadonlySet<string>): string {
  const headers = Object.entries(init.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !ignored.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}`)
    .join('\n');
  return `${init.method ?? 'GET'} ${url}\n${headers}\n\n${init.body as string}`;
}

/**
 * Identical queries in flight at the same moment share one upstream request: the first goes out, the others wait
 * for its answer (each gets its own copy of the response) or its failure. The signed viewer header is in the key,
 * so two users never share an answer; the request id and the trace context are not, so concurrent requests by one
 * viewer do (the shared fetch then appears in the first request's trace only). Mutations are
 * never shared, and nothing is kept after the answer arrives: this is not a cache.
 */
export function dedupeInflightQueries(fetcher: Fetcher, { ignoredHeaders = [REQUEST_ID_HEADER, ...TRACE_CONTEXT_HEADERS], onFetch }: InflightDedupeOptions = {}): Fetcher {
  const ignored = new Set(ignoredHeaders.map((name) => name.toLowerCase()));
  const inflight = new Map<string, Promise<FetcherResponse>>();
  return (url, init = {}) => {
    // A caller's abort signal cannot be shared with other waiters.
    if (init.signal || !isQueryBody(init.body)) return fetcher(url, init);
    const key = keyOf(url, init, ignored);
    let upstream = inflight.get(key);
    onFetch?.(upstream !== undefined);
    if (!upstream) {
      upstream = fetcher(url, init);
      inflight.set(key, upstream);
      const forget = () => inflight.delete(key);
      upstream.then(forget, forget);
    }
    // Nobody reads the shared response itself, so each clone can be read whatever the others do.
    return upstream.then((response) => response.clone());
  };
}
