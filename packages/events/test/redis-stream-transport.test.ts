import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '@threadly/logger';
import { serverUnavailableReason, testEnv } from '@threadly/testing';
import { createRedisStreamTransport } from '../src/index.ts';
import { describeTransportContract } from './transport-contract.ts';

const skipReason = serverUnavailableReason('redis');
// Streams of this file's own (one per test), deleted afterwards: parallel test files and real data never meet them.
const prefix = `threadly:test:${process.pid}:${randomUUID().slice(0, 8)}`;
let inspector: Redis;

describe.skipIf(skipReason !== null)(`Redis Streams transport${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  beforeAll(() => {
    inspector = new Redis(testEnv().REDIS_URL!);
  });
  afterAll(() => inspector?.disconnect());

  describeTransportContract('Redis Streams transport', async () => {
    const transport = createRedisStreamTransport({
      url: testEnv().REDIS_URL!,
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
      dispose: async () => void (await inspector.del(stream, deadLetters)),
    };
  });
});
