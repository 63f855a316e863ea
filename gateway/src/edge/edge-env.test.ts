import { describe, expect, it } from 'vitest';
import { parseEnv } from '@threadly/config';
import { loadGatewayEnv } from '../env.ts';
import { edgeEnvShape, edgeOptionsFromEnv } from './edge-env.ts';

describe('edge configuration', () => {
  it('has the documented defaults', () => {
    const env = loadGatewayEnv({});
    expect(env.MAX_BODY_BYTES).toBe(100_000);
    expect(edgeOptionsFromEnv(env)).toEqual({
      redisUrl: undefined,
      rateLimits: { windowSeconds: 60, user: 300, anonymous: 120, partner: 600 },
      operationLimits: { depth: 12, aliases: 15, rootFields: 10, directives: 50, tokens: 2000 },
      corsOrigins: ['http://localhost:5173', 'http://localhost:4000'],
      trustedProxyHops: 0,
    });
  });

  it('allows no cross-origin browser in production unless CORS_ORIGINS lists it', () => {
    const inProduction = (source: Record<string, string>) => edgeOptionsFromEnv({ ...parseEnv(edgeEnvShape, source), NODE_ENV: 'production' });
    expect(inProduction({}).corsOrigins).toEqual([]);
    expect(inProduction({ CORS_ORIGINS: 'https://threadly.app, https://admin.threadly.app' }).corsOrigins).toEqual(['https://threadly.app', 'https://admin.threadly.app']);
  });

  it('names a bad variable in one line', () => {
    expect(() => loadGatewayEnv({ CORS_ORIGINS: 'https://threadly.app/graphql' })).toThrow(/^Invalid configuration: CORS_ORIGINS — expected comma-separated origins/);
    expect(() => loadGatewayEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/^Invalid configuration: REDIS_URL — expected a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadGatewayEnv({ GRAPHQL_MAX_DEPTH: '0' })).toThrow(/^Invalid configuration: GRAPHQL_MAX_DEPTH — expected at least 1/);
  });
});
