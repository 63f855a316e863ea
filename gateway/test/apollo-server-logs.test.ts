// Apollo Server's and Apollo Gateway's own messages reach the gateway's pino logger as JSON lines, not the console:
// here the response cache's "purge after a mutation failed" warning, raised by a plugin through Apollo's logger.
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryTaggedCache } from '../src/cache/memory-tagged-cache.ts';
import { startGatewayServer } from '../src/gateway-server.ts';
import { readSupergraphSdl } from '../src/supergraph-sdl.ts';

/** A cache whose purges fail, as when its Redis is unreachable. */
class UnreachableCache extends MemoryTaggedCache {
  protected override async purgeTags(): Promise<number> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:6390');
  }
}

// No subgraph listens there: the mutation itself fails too, which does not matter to the purge that follows it.
const nowhere = 'http://127.0.0.1:9/graphql';
const logs = memoryLogDestination();
let gateway: Awaited<ReturnType<typeof startGatewayServer>>;

beforeAll(async () => {
  gateway = await startGatewayServer({
    supergraphSdl: readSupergraphSdl(),
    subgraphUrls: { identity: nowhere, catalog: nowhere, commerce: nowhere, messaging: nowhere },
    identitySecret: 'apollo-logs-identity-secret'.padEnd(48, '-'),
    production: false,
    responseCache: new UnreachableCache(),
    // A signed-in caller: its mutation purges its session's entries (an anonymous one has nothing to purge).
    authenticate: async () => ({ kind: 'user', viewer: { userId: 'user-1', role: 'BUYER' } }),
    maxBodyBytes: 100_000,
    port: 0,
    logger: createLogger('gateway', 'info', { destination: logs }),
  });
});
afterAll(() => gateway?.stop());
afterEach(() => vi.restoreAllMocks());

describe("Apollo's own log messages at the gateway", () => {
  it('a failed purge after a mutation is a JSON warn line of the gateway logger, and nothing goes to the console', async () => {
    const console = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(globalThis.console, method).mockImplementation(() => undefined));
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation Publish($id: ID!) { publishListing(id: $id) { id } }', variables: { id: 'p1' } }),
    });
    expect(response.status).toBeLessThan(500);
    await response.json();
    const warnings = logs.lines().filter((line) => line.source === 'apollo' && line.level >= 40);
    expect(warnings).toEqual([
      expect.objectContaining({ level: 40, name: 'gateway', msg: 'response cache purge after a mutation failed: connect ECONNREFUSED 127.0.0.1:6390' }),
    ]);
    expect(console.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });
});
