import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseEnvShape, DEVELOPMENT_IDENTITY_SECRET, identityHeaderEnvShape, port, redisUrl } from './common-env.ts';
import { ConfigError, parseEnv } from './parse-env.ts';

const shape = { ...databaseEnvShape, ...identityHeaderEnvShape, PORT: port(4000), NODE_ENV: z.enum(['development', 'production']).default('development') };

describe('parseEnv', () => {
  it('applies defaults and coerces numbers and booleans', () => {
    const env = parseEnv(shape, { DATABASE_POOL_SIZE: '5', MIGRATE_ON_START: 'false' });
    expect(env).toMatchObject({ PORT: 4000, DATABASE_POOL_SIZE: 5, MIGRATE_ON_START: false, DATABASE_URL: undefined });
  });

  it('treats an empty value as unset', () => {
    expect(parseEnv(shape, { PORT: '' }).PORT).toBe(4000);
  });

  it('names each bad variable and what it expects, one line each', () => {
    const attempt = () => parseEnv(shape, { DATABASE_URL: 'mysql://x', PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    const lines = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message.split('\n');
      }
      return [];
    })();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL — expected a postgres:\/\/ connection URL \(got "mysql:\/\/x"\)\.$/);
    expect(lines[1]).toMatch(/^Invalid configuration: PORT — expected a port number/);
  });

  it('refuses the development identity secret in production', () => {
    expect(() => parseEnv(shape, { NODE_ENV: 'production' })).toThrow(/IDENTITY_HEADER_SECRET — the development default is refused/);
    expect(parseEnv(shape, { NODE_ENV: 'production', IDENTITY_HEADER_SECRET: 'x'.repeat(40) }).IDENTITY_HEADER_SECRET).toHaveLength(40);
    expect(parseEnv(shape, {}).IDENTITY_HEADER_SECRET).toBe(DEVELOPMENT_IDENTITY_SECRET);
  });

  it('rejects a secret that is too short', () => {
    expect(() => parseEnv(shape, { IDENTITY_HEADER_SECRET: 'short' })).toThrow(/IDENTITY_HEADER_SECRET — expected at least 32 characters/);
  });
});

describe('REDIS_URL', () => {
  const redisShape = { REDIS_URL: redisUrl.optional() };
  it('accepts one server, or a cluster seed with ?cluster=true', () => {
    expect(parseEnv(redisShape, { REDIS_URL: 'redis://cache:6379' }).REDIS_URL).toBe('redis://cache:6379');
    expect(parseEnv(redisShape, { REDIS_URL: 'rediss://node-1:7000?cluster=true' }).REDIS_URL).toBe('rediss://node-1:7000?cluster=true');
  });

  it('rejects another value of the cluster switch and a URL that is not one', () => {
    expect(() => parseEnv(redisShape, { REDIS_URL: 'redis://node-1:7000?cluster=yes' })).toThrow(/REDIS_URL — expected \?cluster=true or \?cluster=false/);
    expect(() => parseEnv(redisShape, { REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL — expected a redis:\/\/ or rediss:\/\/ URL/);
  });
});
