// The load generator, in its own process: autocannon against one URL with the listing query, a unique
// x-bench-nonce header per request (so no cache or in-flight dedupe can answer it). Prints one JSON line.
//   node --import tsx bench/support/load-process.ts <url> <seconds> <connections>
import autocannon from 'autocannon';

const [url, seconds, connections] = process.argv.slice(2) as [string, string, string];
const body = JSON.stringify({ query: process.env.BENCH_QUERY });
let nonce = 0;
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json' },
  body,
  requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, headers: { ...(request.headers as object), 'x-bench-nonce': `${process.pid}-${nonce++}` } }) }],
});
console.log(JSON.stringify({
  requests: result.requests.total,
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  seconds: result.duration,
}));
