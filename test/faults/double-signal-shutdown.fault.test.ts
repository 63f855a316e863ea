// SIGINT and SIGTERM to one subgraph process, as happens when a terminal's Ctrl-C reaches the whole process group
// and a supervisor (npm, docker, the replicas script) sends its own SIGTERM: the process must stop once and exit 0,
// not run its shutdown a second time over servers already closed ("The server is not running").
import { createTestDatabase, freePort, serverUnavailableReason, testEnv, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines, startServiceProcess, waitUntilReady, type ServiceProcess } from './support/service-process.ts';

const skip = serverUnavailableReason('postgres');
let database: TestDatabase;
const started: ServiceProcess[] = [];

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase(testEnv().DATABASE_URL);
}, 60_000);

afterAll(async () => {
  for (const service of started) await service.kill();
  await database?.close();
});

async function startSubgraph(name: 'commerce' | 'messaging') {
  const port = await freePort();
  const service = startServiceProcess(`subgraphs/${name}/src/main.ts`, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    SEED_DEMO_DATA: 'false',
    SHUTDOWN_GRACE_MS: '10000',
    [`${name.toUpperCase()}_PORT`]: String(port),
  });
  started.push(service);
  await waitUntilReady(service, `http://127.0.0.1:${port}/graphql`);
  return service;
}

describe.skipIf(skip)('a subgraph process signalled twice', () => {
  it.each(['commerce', 'messaging'] as const)('%s stops once on SIGINT then SIGTERM and exits 0', async (name) => {
    const service = await startSubgraph(name);
    service.child.kill('SIGINT');
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    const lines = logLines(service);
    const messages = lines.map((line) => String(line.msg));
    expect({ exit, crashes: messages.filter((message) => /failed|not running|grace period/i.test(message)), output: service.output().includes('not running') }).toEqual({
      exit: { code: 0, signal: null },
      crashes: [],
      output: false,
    });
    expect(messages.filter((message) => message.startsWith('shutting down'))).toHaveLength(1);
    expect(messages).toContain('stopped');
  }, 90_000);
});
