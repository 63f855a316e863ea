// PostgreSQL stopped (fast, then immediate: a crash) and started again under steady load, on the real multi-process
// topology (two gateways behind a round-robin front, two replicas of each subgraph behind theirs) over a throwaway
// cluster and a throwaway Redis (the machine's shared servers are never touched). While it is down a client gets
// a clean GraphQL error with a stable code and nothing internal, never a 5xx; once it is back the same processes
// answer again, the outbox relays and consumers resume, and nothing acknowledged is lost or applied twice.
import { serverUnavailableReason, startThrowawayPostgres, startThrowawayRedis, type ThrowawayPostgres, type ThrowawayRedis } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultReport } from './support/fault-table.ts';
import { startFaultTopology, type FaultTopology } from './support/fault-topology.ts';
import { createMutationWorkload, warmUp } from './support/mutation-workload.ts';
import { startRecordedLoad } from './support/recorded-load.ts';
import { pause } from './support/wait-for.ts';

/** What a client is told while the database is away: "this part is unavailable, retry", never a driver's message. */
const OUTAGE_CODES = ['SUBGRAPH_UNAVAILABLE'];
const INTERNALS = /ECONNREFUSED|postgres|prisma|SQL|SELECT|INSERT|terminat|\bat \w+ \(|\.ts:\d+/i;

// It starts its own servers, but only a machine that runs PostgreSQL and Redis has their binaries.
const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let database: ThrowawayPostgres;
let redis: ThrowawayRedis;
let supergraph: FaultTopology;

beforeAll(async () => {
  if (skip) return;
  // One after the other: if the second fails to start, the first is already assigned, so afterAll stops it.
  database = await startThrowawayPostgres();
  redis = await startThrowawayRedis();
  supergraph = await startFaultTopology({ databaseServerUrl: database.url, redisUrl: redis.url, onProgress: (message) => console.log(`[postgres-restart] ${message}`) });
  await warmUp(supergraph);
}, 200_000);
afterAll(async () => {
  await supergraph?.close();
  await Promise.all([database?.close(), redis?.close()]);
}, 60_000);

const readiness = async (url: string) => (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(5_000) })).status;
/** Every gateway's and messaging replica's `/ready` status. */
const readinessOfAll = async () => ({
  gateways: await Promise.all(supergraph.topology.gateways.map((gateway) => readiness(gateway.url))),
  messaging: await Promise.all(supergraph.topology.subgraphs.messaging.map((replica) => readiness(replica.url))),
});

describe.skipIf(skip)('PostgreSQL stopped and restarted under load, two gateways and two replicas of each subgraph', () => {
  it.each(['fast', 'immediate'] as const)('stop -m %s: clean errors while down, everything answers again after, nothing lost or duplicated', async (mode) => {
    const workload = await createMutationWorkload(supergraph);
    const load = startRecordedLoad(workload.clients(20), 'before the stop');
    await pause(1_500);
    await database.stop(mode);
    load.setPhase(`PostgreSQL down (~2 s, -m ${mode})`);
    await pause(500);
    const readyWhileDown = await readinessOfAll();
    await pause(1_500);
    await database.start();
    load.setPhase('after the restart');
    await pause(2_000);
    await load.stop();

    const { settled, check } = await workload.settle();
    const readyAfter = await readinessOfAll();
    const afterwards = await supergraph.graphql('query { searchProducts(first: 3) { totalCount } }', {});
    const { records } = load;

    console.log(faultReport(`PostgreSQL stopped (-m ${mode}) ~2 s and restarted under load (two gateways, two replicas of each subgraph; 4 clients; ${workload.acknowledgedMessages()} messages acknowledged)`, load.records, check));
    expect(settled, check.details.join('; ')).toBe(true);
    expect(check).toMatchObject({ dataLost: 0, duplicated: 0, unpublished: 0 });
    expect(records.filter((record) => record.status >= 500 || record.status === 0)).toEqual([]);
    const errors = records.flatMap((record) => record.errors);
    expect(errors.filter((error) => !OUTAGE_CODES.includes(String(error.code)))).toEqual([]);
    expect(errors.filter((error) => INTERNALS.test(error.message)).map((error) => error.message)).toEqual([]);
    expect(records.filter((record) => record.phase === 'after the restart' && record.outcome === 'whole').length).toBeGreaterThan(0);
    expect({ readyWhileDown, readyAfter }).toEqual({ readyWhileDown: { gateways: [503, 503], messaging: [503, 503] }, readyAfter: { gateways: [200, 200], messaging: [200, 200] } });
    expect(afterwards.body.errors).toBeUndefined();
    expect(afterwards.body.data.searchProducts.totalCount).toBeGreaterThan(0);
    expect(supergraph.topology.unexpectedExits()).toEqual([]);
  }, 90_000);
});
