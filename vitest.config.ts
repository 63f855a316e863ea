import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node resolves `graphql` to its CommonJS build (no "exports" map), as Apollo Server, Pothos and everything else
  // in node_modules get it; Vite would hand our inlined workspace code the ESM build instead, two GraphQLError
  // classes, and Apollo would then re-wrap our errors (e.g. "Context creation failed: …"). One build, as in production.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.data/**'],
    globalSetup: ['./test/servers-summary.ts'],
    setupFiles: ['./test/loopback-only.ts'],
    // Integration suites start PostgreSQL-backed subgraphs and a gateway; the machine has 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
