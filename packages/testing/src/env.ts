import { z } from 'zod';

const testEnvShape = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a redis:// URL').optional(),
  /** Set by CI: a suite that would fall back or skip for lack of a server fails instead. */
  THREADLY_REQUIRE_SERVERS: z.enum(['0', '1']).optional(),
});

/** The servers the test run was given: the only place test infrastructure reads the environment. */
export const testEnv = () => testEnvShape.parse({
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  REDIS_URL: process.env.REDIS_URL || undefined,
  THREADLY_REQUIRE_SERVERS: process.env.THREADLY_REQUIRE_SERVERS || undefined,
});
