// Subscription fan-out through the gateway: N WebSocket subscribers (in a child process) follow one conversation
// with `messageAdded`; the buyer sends messages through the gateway at a fixed rate; each subscriber measures every
// event from the moment its sendMessage was sent to the moment the event arrived (the whole path: mutation, commit,
// outbox relay, event consumer, Redis pub/sub, messaging's graphql-ws, the gateway's per-event plan, the client
// socket). Also: events/s delivered, and the gateway's (and messaging's, same process) memory per connection.
// Usage: DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/subscriptions.ts [--subscribers 2000] [--rate 0.5]
//        [--seconds 20] [--select full|own]   (full: sender { displayName imageUrl } from identity; own: messaging's fields only)
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { signDevelopmentSessionToken } from '@threadly/gateway';
import { DEMO_USERS } from './support/subscription-bench-users.ts';
import { startBenchSupergraph } from './support/subscription-bench-supergraph.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '20' },
    select: { type: 'string', default: 'full' },
  },
});
const subscribers = Number(values.subscribers);
const perSecond = Number(values.rate);
const seconds = Number(values.seconds);
const selection = values.select === 'own' ? 'id body' : 'id body sender { displayName imageUrl }';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heapAndExternal: usage.heapUsed + usage.external + usage.arrayBuffers, rss: usage.rss };
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const bench = await startBenchSupergraph({ maxConnectionsPerUser: subscribers });
try {
  const buyerToken = signDevelopmentSessionToken(DEMO_USERS.buyer, { ttlSeconds: 3600 });
  const conversationId = await bench.firstConversationOf(buyerToken);
  // Warm the paths a message takes (planner, Prisma, the outbox relay) before measuring memory.
  for (let index = 0; index < 3; index += 1) await bench.sendMessage(buyerToken, conversationId, `warm-up ${index}`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = heap();
  const child = fork(fileURLToPath(new URL('./support/subscriber-process.ts', import.meta.url)), [
    JSON.stringify({
      url: bench.gatewayUrl,
      token: buyerToken,
      count: subscribers,
      query: `subscription Bench($id: ID!) { messageAdded(conversationId: $id) { ${selection} } }`,
      variables: { id: conversationId },
    }),
  ], { execArgv: ['--import', 'tsx'] });
  const fromChild = <T>(key: string) => new Promise<T>((resolve) => child.on('message', (message: Record<string, unknown>) => key in message && resolve(message as T)));
  let progress = 0;
  child.on('message', (message: { progress?: number }) => (progress = message.progress ?? progress));
  await fromChild('ready');
  // Let the upstream subscriptions settle (the child's ready means the gateway got them; messaging may be a hop behind).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const connected = heap();

  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  const startedAt = performance.timeOrigin + start;
  for (let index = 0; index < total; index += 1) {
    const wait = start + (index * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await bench.sendMessage(buyerToken, conversationId, `bench ${index} ${performance.timeOrigin + performance.now()} ${randomUUID()}`);
  }
  // Wait for the backlog: until every delivery arrived, or none arrived for 5 s.
  for (let seen = -1, quietSince = performance.now(); progress < total * subscribers && performance.now() - quietSince < 5000; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (progress !== seen) [seen, quietSince] = [progress, performance.now()];
  }
  child.send({ stop: true });
  const { received, latencies, lastReceipt } = await fromChild<{ received: number; latencies: number[]; lastReceipt: number }>('received');
  latencies.sort((a, b) => a - b);
  const perConnection = (bytes: number) => `${((bytes / subscribers) / 1024).toFixed(1)} KiB`;
  console.log(
    JSON.stringify({
      subscribers,
      select: values.select,
      published: total,
      publishRatePerSecond: perSecond,
      expectedDeliveries: total * subscribers,
      delivered: received,
      deliveredPerSecond: Math.round(received / ((lastReceipt - startedAt) / 1000)),
      latencyMs: { p50: Number(percentile(latencies, 50).toFixed(1)), p99: Number(percentile(latencies, 99).toFixed(1)), max: Number((latencies.at(-1) ?? NaN).toFixed(1)) },
      // This process is the gateway and every subgraph: the figure includes messaging's end of each upstream socket.
      memoryPerConnection: { heapAndExternal: perConnection(connected.heapAndExternal - before.heapAndExternal), rss: perConnection(connected.rss - before.rss) },
      loadAverage: loadavg()[0]!.toFixed(1),
    }),
  );
} finally {
  await bench.close();
}
