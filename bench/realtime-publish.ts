// What the history stream (packages/pubsub/src/resubscribe-replay.ts) costs a publish: the same messages published
// by @threadly/pubsub (XADD to the history, then PUBLISH) and by the bare graphql-redis-subscriptions engine it wraps
// (PUBLISH only), each delivered to one subscriber in the same process, runs interleaved. Prints messages/s and
// the publish-to-delivery time per message. Numbers only, never asserted.
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/realtime-publish.ts [messages per run=3000] [runs=3]
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '@threadly/logger';
import { createRealtimePubSub, defineTopic, encodeJson } from '@threadly/pubsub';

const [MESSAGES = 3000, RUNS = 3] = process.argv.slice(2).map(Number);
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error('REDIS_URL is not set: start Redis and run with REDIS_URL=redis://127.0.0.1:6379');
  process.exit(1);
}
const channelPrefix = `threadly:bench:${randomUUID().slice(0, 8)}:`;
const topic = defineTopic<{ body: string; at: Date }>('message.added')('bench');
const pubsub = createRealtimePubSub({ redisUrl, logger: createLogger('bench', 'silent'), channelPrefix, maxQueue: MESSAGES * 2 });
const iterator = await pubsub.subscribe(topic);
const payload = (index: number) => ({ body: `message ${index} `.padEnd(200, '.'), at: new Date() });

type Candidate = { label: string; publish: (index: number) => Promise<void> };
const candidates: Candidate[] = [
  { label: 'PUBLISH only (bare RedisPubSub engine)', publish: (index) => pubsub.engine.publish(channelPrefix + topic.channel, encodeJson({ eventId: randomUUID(), payload: payload(index) })) },
  { label: 'XADD history + PUBLISH (@threadly/pubsub)', publish: (index) => pubsub.publish(topic, randomUUID(), payload(index)) },
];

/** Publishes MESSAGES one after another (as a consumer group hands events over) and waits for each delivery. */
async function run(candidate: Candidate) {
  const started = performance.now();
  for (let index = 0; index < MESSAGES; index++) {
    await candidate.publish(index);
    await iterator.next();
  }
  return performance.now() - started;
}

const results = new Map<string, number[]>(candidates.map((candidate) => [candidate.label, []]));
await run(candidates[1]!); // warm-up: connections, JIT, the history stream's first node
for (let round = 1; round <= RUNS; round++) {
  for (const candidate of candidates) {
    const ms = await run(candidate);
    results.get(candidate.label)!.push(ms);
    process.stderr.write(`round ${round}/${RUNS}: ${candidate.label}: ${(MESSAGES / (ms / 1000)).toFixed(0)} msg/s\n`);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const base = median(results.get(candidates[0]!.label)!);
console.log(`\n${MESSAGES} messages per run, ${RUNS} runs interleaved, median run:`);
for (const [label, runs] of results) {
  const ms = median(runs);
  console.log(`${label.padEnd(44)} ${(MESSAGES / (ms / 1000)).toFixed(0).padStart(6)} msg/s  ${((ms * 1000) / MESSAGES).toFixed(0).padStart(5)} µs publish→delivery  ×${(ms / base).toFixed(2)}`);
}
const inspector = new Redis(redisUrl);
console.log(`history stream: ${await inspector.xlen(`${channelPrefix}history`)} entries (capped at ~10,000)`);
await inspector.del(`${channelPrefix}history`);
await inspector.quit();
await pubsub.close();
