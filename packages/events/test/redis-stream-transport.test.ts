import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '@threadly/logger';
import { openRedis, type RedisConnection } from '@threadly/redis-connection';
import { serverUnavailableReason, startThrowawayRedisCluster, testEnv, type ThrowawayRedisCluster } from '@threadly/testing';
import { createRedisStreamTransport } from '../src/index.ts';
import { describeTransportContract } from './transport-contract.ts';

const skipReason = serverUnavailableReason('redis');
// Streams of this file's own (one per test), deleted afterwards: parallel test files and real data never meet them.
const prefix = `threadly:test:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The transport contract on Redis at `url()`, inspected through a connection of the same kind. */
function describeOnRedis(name: string, url: () => string) {
  let inspector: RedisConnection;
  beforeAll(() => {
    inspector = openRedis(url());
  });
  afterAll(() => inspector?.disconnect());

  describeTransportContract(name, async () => {
    const transport = createRedisStreamTransport({
      url: url(),
      stream: `${prefix}:${randomUUID().slice(0, 8)}:events`,
      logger: createLogger('events-test', 'silent'),
      blockMs: 200,
    });
    const { stream, deadLetters } = transport.names;
    return {
      transport,
      deadLetters: async () =>
        (await inspector.xrange(deadLetters, '-', '+')).map(([, fields]) => {
          const record = Object.fromEntries(fields.flatMap((value, index) => (index % 2 === 0 ? [[value, fields[index + 1]]] : [])));
          return { group: record.group!, reason: record.error!, deliveries: Number(record.deliveries), raw: JSON.parse(record.event!) };
        }),
      pendingCount: async (group) => Number(((await inspector.xpending(stream, group)) as [number])[0]),
      groupNames: async () => ((await inspector.call('XINFO', 'GROUPS', stream).catch(() => [])) as string[][]).map((fields) => fields[fields.indexOf('name') + 1]!),
      // One key at a time: on a cluster a multi-key DEL must stay in one slot.
      dispose: async () => void (await Promise.all([inspector.del(stream), inspector.del(deadLetters)])),
    };
  });
}

describe.skipIf(skipReason !== null)(`Redis Streams transport${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  describeOnRedis('Redis Streams transport', () => testEnv().REDIS_URL!);
});

// The same contract on a real 3-master Redis Cluster: publishing, consumer groups, acknowledgement, takeover of a
// dead consumer's entries, and dead letters written with their acknowledgement in one MULTI (same slot).
describe.skipIf(skipReason !== null)(`Redis Streams transport on a Redis Cluster${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let cluster: ThrowawayRedisCluster | undefined;
  beforeAll(async () => {
    cluster = await startThrowawayRedisCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  describeOnRedis('Redis Streams transport (cluster)', () => cluster!.url);
});
