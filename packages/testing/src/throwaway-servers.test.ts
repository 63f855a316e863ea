import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';
import { startThrowawayRedis } from './throwaway-redis.ts';

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

describe('throwaway Redis', () => {
  it('stops and starts again on the same port; memory only by default, kept with AOF', async () => {
    for (const persistence of ['none', 'aof'] as const) {
      const redis = await startThrowawayRedis({ persistence });
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: true });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.set('kept', 'yes');
        await redis.stop();
        await expect(client.ping()).rejects.toThrow();
        await redis.start();
        expect(await client.get('kept')).toBe(persistence === 'aof' ? 'yes' : null);
      } finally {
        client.disconnect();
        await redis.close();
      }
    }
  });
});

describe('throwaway PostgreSQL', () => {
  let server: ThrowawayPostgres;
  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(() => server?.close());

  it('keeps committed rows across a fast and an immediate stop, on the same port', async () => {
    await query(server.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)');
    await server.stop('fast');
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await server.start();
    await query(server.url, 'INSERT INTO kept VALUES (2)');
    await server.stop('immediate');
    await server.start();
    expect(await query(server.url, 'SELECT id FROM kept ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('names the missing binary in one line', async () => {
    await expect(startThrowawayPostgres({ binDir: '/nonexistent/bin' })).rejects.toThrow(/^\/nonexistent\/bin\/initdb is not installed or not executable: install PostgreSQL/);
  });
});
