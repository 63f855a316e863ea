// Kill subgraph replicas under steady load, on the real multi-process topology (two gateways behind a round-robin
// front, two replicas of each subgraph behind theirs; the machine's PostgreSQL, a fresh database, and Redis on a
// stream of this run's own): the gateways answer every request — whole while one replica of a subgraph survives,
// partial (SUBGRAPH_UNAVAILABLE) while none does — recover within 2 s of the subgraph's return, do not crash and
// do not leak sockets; every acknowledged mutation is in the database and its event had its effect once.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { signDevelopmentSessionToken } from '@threadly/gateway';
import { startReplicaTopology, type ReplicaTopology } from '@threadly/replica-topology';
import { createTestDatabase, serverUnavailableReason, testEnv, type TestDatabase } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemoUser } from '../../gateway/src/auth/development-users.ts';
import { faultTableRows, formatFaultTable } from './support/fault-table.ts';
import { pause as sleep } from './support/wait-for.ts';
import { watchMessageEffects, type MessageEffects } from './support/message-effects.ts';
import { postGraphQL, startRecordedLoad, type LoadClient, type RecordedLoad, type RequestRecord } from './support/recorded-load.ts';

const LISTINGS = '{ products(first: 5) { edges { node { id title seller { id firstName } } } } }';
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }';
const PHASES = ['steady', 'a: one catalog replica killed', 'b: both identity replicas killed', 'c: identity back'] as const;
/** How long load runs in each phase before the next fault, at least… */
const PHASE_MS = 3_000;
/** …and until this many queries were answered in it (a busy machine answers few in 3 s), within PHASE_LIMIT_MS. */
const PHASE_QUERIES = 12;
const PHASE_LIMIT_MS = 60_000;
/** The requirement: whole answers again within this long of the subgraph answering /ready. */
const RECOVERY_MS = 2_000;
/** Bounded waits for things that happen in the background (outbox relays, consumers). */
const SETTLE_MS = 15_000;

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
const stream = `threadly-fault:${randomBytes(4).toString('hex')}:events`;
let database: TestDatabase;
let topology: ReplicaTopology;
let load: RecordedLoad;
let effects: MessageEffects;
const openFds = (pid: number | undefined) => (pid === undefined ? Number.NaN : readdirSync(`/proc/${pid}/fd`).length);
const recordsIn = (name: string, kind?: RequestRecord['kind']) => load.records.filter((r) => r.phase === name && (!kind || r.kind === kind));
const acknowledged = () => load.records.flatMap((record) => (record.acknowledgedId ? [record.acknowledgedId] : []));
const describeFailures = (records: readonly RequestRecord[]) => records.filter((r) => r.outcome === 'failed').map((r) => `${r.kind} ${r.status} ${JSON.stringify(r.errors)}`);
/** What came back other than whole, counted by kind, status and error codes: printed under the table. */
function summarizeNotWhole(name: string) {
  const counts = new Map<string, number>();
  for (const r of recordsIn(name).filter((record) => record.outcome !== 'whole')) {
    const key = `${r.kind} ${r.outcome} HTTP ${r.status} ${r.errors.map((error) => `${error.code}:${error.subgraph}`).join(',')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) measured.push(`${name}: ${count} × ${key}`);
}
/** One GraphQL answer straight from a replica: the first request a fresh process serves is slow (JIT, connections). */
const warmUp = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { firstName } } }', variables: { r: [{ __typename: 'User', id: DEMO_ACCOUNTS.seller.id }] } }),
  }).then((response) => response.body?.cancel());
let dataLost: number | string = 'not checked';
/** Lets the load run in the current phase for PHASE_MS and until PHASE_QUERIES queries came back in it (bounded). */
async function runPhase() {
  const started = Date.now();
  await sleep(PHASE_MS);
  while (recordsIn(load.phase, 'query').length < PHASE_QUERIES && Date.now() - started < PHASE_LIMIT_MS) await sleep(100);
}
/** Measured figures printed under the table. */
const measured: string[] = [];

beforeAll(async () => {
  if (skip) return;
  database = await createTestDatabase();
  topology = await startReplicaTopology({
    databaseUrl: database.url,
    redisUrl: testEnv().REDIS_URL!,
    replicas: 2,
    env: { LOG_LEVEL: 'warn', EVENT_STREAM: stream },
    // Every query must reach the subgraphs (a cached listing would hide the outage), and the load is not abuse.
    gatewayEnv: { RESPONSE_CACHE_ENABLED: 'false', RATE_LIMIT_USER: '1000000', RATE_LIMIT_ANONYMOUS: '1000000' },
  });
  const buyer = findDemoUser(DEMO_ACCOUNTS.buyer.id)!;
  const authorization = `Bearer ${signDevelopmentSessionToken(buyer, { ttlSeconds: 3600 })}`;
  const conversations = await fetch(`${topology.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: '{ myConversations(first: 1) { edges { node { id } } } }' }),
  }).then((response) => response.json() as Promise<{ data: { myConversations: { edges: Array<{ node: { id: string } }> } } }>);
  const conversationId = conversations.data.myConversations.edges[0]!.node.id;
  effects = await watchMessageEffects({ pool: database.pool, redisUrl: testEnv().REDIS_URL!, stream, conversationId });
  const graphql = { url: `${topology.gatewayUrl}/graphql`, timeoutMs: 20_000 };
  const queryClient: LoadClient = { kind: 'query', pauseMs: 0, send: () => postGraphQL(graphql.url, { query: LISTINGS }, {}, graphql.timeoutMs) };
  let messagesSent = 0;
  const mutationClient: LoadClient = {
    kind: 'mutation',
    pauseMs: 100,
    send: async () => {
      const answer = await postGraphQL(graphql.url, { query: SEND, variables: { id: conversationId, body: `fault suite message ${messagesSent++}` } }, { authorization }, graphql.timeoutMs);
      return { ...answer, acknowledgedId: answer.body.data?.sendMessage?.id as string | undefined };
    },
  };
  load = startRecordedLoad([queryClient, queryClient, queryClient, queryClient, mutationClient, mutationClient], PHASES[0]);
  await runPhase();
}, 300_000);

afterAll(async () => {
  await load?.stop();
  if (load) console.log(`\nSubgraph kill under steady load (two gateways, two replicas of each subgraph):\n${formatFaultTable(faultTableRows(load.records, PHASES), dataLost)}\n${measured.join('\n')}\n`);
  await topology?.stop();
  await effects?.close();
  await database?.close();
}, 60_000);

describe.skipIf(skip)('killing subgraph replicas under steady load', { timeout: 2 * PHASE_LIMIT_MS }, () => {
  it('answers whole before any fault', () => {
    expect(recordsIn(PHASES[0], 'query').length).toBeGreaterThanOrEqual(PHASE_QUERIES);
    expect(describeFailures(recordsIn(PHASES[0]))).toEqual([]);
    expect(recordsIn(PHASES[0]).every((r) => r.outcome === 'whole')).toBe(true);
  });

  it('both replicas of each subgraph migrated a fresh database at once: every migration recorded once, finished', async () => {
    for (const schema of ['identity', 'catalog', 'commerce', 'messaging']) {
      const { rows } = await database.pool.query<{ migration_name: string; times: number; unfinished: number }>(
        `SELECT migration_name, count(*)::int AS times, count(*) FILTER (WHERE finished_at IS NULL)::int AS unfinished
           FROM ${schema}._prisma_migrations GROUP BY migration_name`,
      );
      expect(rows.length, schema).toBeGreaterThan(0);
      expect(rows.filter((row) => row.times !== 1 || row.unfinished !== 0), schema).toEqual([]);
    }
  });

  it('(a) one catalog replica SIGKILLed: every request still answered whole (the front skips it, the gateways retry queries cut mid-flight)', async () => {
    load.setPhase(PHASES[1]);
    await topology.subgraphs.catalog[0]!.kill('SIGKILL');
    await runPhase();
    const records = recordsIn(PHASES[1]);
    expect(records.filter((r) => r.kind === 'query').length).toBeGreaterThan(0);
    expect(describeFailures(records)).toEqual([]);
    summarizeNotWhole(PHASES[1]);
    expect(records.filter((r) => r.outcome !== 'whole')).toEqual([]);
  });

  let fdsBefore: number[] = [];
  it('(b) both identity replicas SIGKILLed: every request answered, partial where identity gives fields, never a 5xx, no gateway crash', async () => {
    fdsBefore = topology.gateways.map((gateway) => openFds(gateway.pid));
    load.setPhase(PHASES[2]);
    await Promise.all(topology.subgraphs.identity.map((replica) => replica.kill('SIGKILL')));
    await runPhase();
    const records = recordsIn(PHASES[2]);
    summarizeNotWhole(PHASES[2]);
    expect(describeFailures(records)).toEqual([]);
    // A query always has something to give: 200, with data. A mutation needs the buyer signed in, which the
    // gateways remember for a minute and, with identity gone, keep using for IDENTITY_STALE_SESSION_SECONDS (15 min);
    // past that it is refused whole (503 SUBGRAPH_UNAVAILABLE).
    expect(records.filter((r) => r.kind === 'query').every((r) => r.status === 200)).toBe(true);
    expect(records.filter((r) => r.kind === 'mutation').every((r) => r.acknowledgedId || r.outcome === 'unavailable')).toBe(true);
    const partial = records.filter((r) => r.outcome === 'partial');
    expect(partial.length).toBeGreaterThan(0);
    expect(new Set(partial.flatMap((r) => r.errors.map((error) => `${error.code}:${error.subgraph}`)))).toEqual(new Set(['SUBGRAPH_UNAVAILABLE:identity']));
    // Messages do not need identity (the buyer's sign-in was resolved before it died): they keep being acknowledged.
    expect(records.filter((r) => r.kind === 'mutation' && r.acknowledgedId).length).toBeGreaterThan(0);
    expect(topology.unexpectedExits()).toEqual([]);
    expect(topology.gateways.every((gateway) => gateway.running)).toBe(true);
  });

  let readyAt = 0;
  it(`(c) identity started again: whole answers within ${RECOVERY_MS} ms of its /ready`, async () => {
    load.setPhase(PHASES[3]);
    // Either replica answering is identity back: the front skips the one still starting. Back means serving: /ready
    // (its database answers) and one GraphQL answer, as a deployment's warm-up probe would ask before the balancer
    // sends it traffic; a cold process's first answer takes as long as the machine makes it, which is not the
    // gateway's recovery.
    await Promise.any(topology.subgraphs.identity.map((replica) => replica.start().then(() => warmUp(replica.url)).then(() => (readyAt ||= Date.now()))));
    const deadline = Date.now() + SETTLE_MS;
    const queriesSince = (since: number) => recordsIn(PHASES[3], 'query').filter((r) => r.startedAt >= since);
    const firstWholeStreak = () => {
      // The start of the last run of whole answers (by when they were sent): from then on, every query was whole.
      const queries = queriesSince(readyAt).sort((x, y) => x.startedAt - y.startedAt);
      const lastBad = queries.findLastIndex((r) => r.outcome !== 'whole');
      return queries.slice(lastBad + 1);
    };
    while (Date.now() < deadline) {
      const streak = firstWholeStreak();
      if (streak.length > 0 && streak.at(-1)!.startedAt - streak[0]!.startedAt >= 1_000) break;
      await sleep(100);
    }
    const streak = firstWholeStreak();
    summarizeNotWhole(PHASES[3]);
    expect(streak.length, 'whole answers resumed').toBeGreaterThan(0);
    const recoveryMs = Math.max(0, streak[0]!.startedAt - readyAt);
    measured.push(`identity back: every query sent from ${recoveryMs} ms after its /ready (and first answer) came back whole`);
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_MS);
    await Promise.all(topology.subgraphs.identity.map((replica) => replica.ready()));
    expect(describeFailures(recordsIn(PHASES[3]))).toEqual([]);
  }, 240_000);

  it('(d) no leaked sockets: each gateway holds about as many file descriptors as before identity was killed', async () => {
    await sleep(1_000);
    const fdsAfter = topology.gateways.map((gateway) => openFds(gateway.pid));
    measured.push(`gateway open fds before the identity kill ${fdsBefore.join(', ')}; after recovery ${fdsAfter.join(', ')}`);
    // Some slack: kept-alive sockets to the fronts are reopened as load needs them. A leak per failed request
    // (hundreds were answered partial above) would be far past it.
    fdsAfter.forEach((after, index) => expect(after).toBeLessThanOrEqual(fdsBefore[index]! + 16));
    expect(topology.unexpectedExits()).toEqual([]);
  });

  it("(e) data lost = 0: every acknowledged message is in the database, and each message's event went out and was published once", async () => {
    await load.stop();
    const ids = acknowledged();
    expect(ids.length).toBeGreaterThan(0);
    const missing = await effects.missingRows(ids);
    dataLost = missing.length;
    measured.push(`acknowledged messages ${ids.length}, missing from the database ${missing.length}`);
    expect(missing).toEqual([]);

    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline && ((await effects.unpublishedOutboxRows()) > 0 || ids.some((id) => !effects.publicationsPerMessage().has(id)))) await sleep(200);
    await sleep(500); // a duplicate publication would follow within moments
    expect(await effects.unpublishedOutboxRows()).toBe(0);
    // Two relays, one outbox: SKIP LOCKED leases mean each row went onto the stream once.
    const entries = await effects.streamEntriesPerMessage();
    expect(ids.filter((id) => entries.get(id) !== 1)).toEqual([]);
    // Two replicas in the `messaging-subscriptions` group: each entry was taken, and published, by one of them.
    const publications = effects.publicationsPerMessage();
    expect(ids.filter((id) => publications.get(id) !== 1)).toEqual([]);
  }, 60_000);
});
