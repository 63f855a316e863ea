import { z } from 'zod';
import { redisUrl } from '@threadly/config';

const testEnvShape = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  REDIS_URL: redisUrl.optional(),
  /** Set by CI: a suite that would fall back or skip for lack of a server fails instead. */
  THREADLY_REQUIRE_SERVERS: z.enum(['0', '1']).optional(),
  /** The GraphQL fuzzer's seed (gateway/test/fuzz.integration.test.ts); unset, its fixed default. */
  THREADLY_FUZZ_SEED: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
});

/** What the test run was given (servers, strictness, the fuzzer's seed): the only place test infrastructure reads the environment. */
export const testEnv = () => testEnvShape.parse({
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  REDIS_URL: process.env.REDIS_URL || undefined,
  THREADLY_REQUIRE_SERVERS: process.env.THREADLY_REQUIRE_SERVERS || undefined,
  THREADLY_FUZZ_SEED: process.env.THREADLY_FUZZ_SEED || undefined,
});
