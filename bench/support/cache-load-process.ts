// The load generator of bench/response-cache-tagging.ts, in its own process: autocannon against one URL with the
// listing query. `hit`: the same variables every time (answered from a warm cache); `miss`: a unique `$max` per
// request (a fresh cache key: looked up, computed by the subgraphs, written). Prints one JSON line.
//   node --import tsx bench/support/cache-load-process.ts <url> <seconds> <connections> <hit|miss>
import autocannon from 'autocannon';

const [url, seconds, connections, mode] = process.argv.slice(2) as [string, string, string, 'hit' | 'miss'];
const query = process.env.BENCH_QUERY!;
// Far above every demo price, so every variant returns the same listings; unique per process and request.
let max = 9_000_000 + (process.pid % 1000) * 1000;
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables: { max: 9_999_999 } }),
  requests: mode === 'miss' ? [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: JSON.stringify({ query, variables: { max: max++ } }) }) }] : undefined,
});
console.log(JSON.stringify({ requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }));
