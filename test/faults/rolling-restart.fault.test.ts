// A rolling restart of the gateways under steady load, as a deploy does it: SIGTERM to one gateway replica, start
// it again, then the other, on the real multi-process topology (two gateways behind a round-robin front, two
// replicas of each subgraph behind theirs; a fresh database on the machine's PostgreSQL, a stream of this run's
// own on its Redis). With one gateway always up and the front passing new connections to it, clients must see no
// failed request, and every acknowledged mutation must be in the database once.
import { serverUnavailableReason, testEnv } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultReport } from './support/fault-table.ts';
import { startFaultTopology, type FaultTopology } from './support/fault-topology.ts';
import { createMutationWorkload, warmUp } from './support/mutation-workload.ts';
import { startRecordedLoad } from './support/recorded-load.ts';
import { pause } from './support/wait-for.ts';

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let supergraph: FaultTopology;

beforeAll(async () => {
  if (skip) return;
  const env = testEnv();
  supergraph = await startFaultTopology({ databaseServerUrl: env.DATABASE_URL!, redisUrl: env.REDIS_URL!, onProgress: (message) => console.log(`[rolling-restart] ${message}`) });
  await warmUp(supergraph);
}, 200_000);
afterAll(async () => {
  await supergraph?.close();
}, 60_000);

describe.skipIf(skip)('rolling restart of the two gateways under load', () => {
  it('SIGTERM and restart one gateway, then the other: no failed request, nothing lost or duplicated', async () => {
    const workload = await createMutationWorkload(supergraph);
    const load = startRecordedLoad(workload.clients(20), 'steady');
    await pause(1_500);
    for (const gateway of supergraph.topology.gateways) {
      load.setPhase(`${gateway.name} stopped (SIGTERM) and started again`);
      await gateway.kill('SIGTERM');
      await pause(1_000);
      await gateway.start();
      await pause(1_500);
    }
    load.setPhase('both back');
    await pause(1_500);
    await load.stop();

    const { settled, check } = await workload.settle();
    const { records } = load;
    console.log(faultReport(`Rolling restart of the two gateways under load (4 clients; ${workload.acknowledgedMessages()} messages acknowledged)`, load.records, check));
    expect(settled, check.details.join('; ')).toBe(true);
    expect(check).toMatchObject({ dataLost: 0, duplicated: 0, unpublished: 0 });
    expect(records.filter((record) => record.outcome !== 'whole')).toEqual([]);
    expect(records.filter((record) => record.phase.includes('SIGTERM')).length).toBeGreaterThan(0);
    expect(supergraph.topology.unexpectedExits()).toEqual([]);
  }, 90_000);
});
