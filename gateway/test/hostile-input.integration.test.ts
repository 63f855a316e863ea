// The hostile-input suite: a few hundred generated malicious or malformed requests, sent byte for byte to the real
// gateway and subgraphs (production mode, as attackers meet them). Each must be refused on its own merits with a
// 4xx-class GraphQL error, give nothing internal away and change nothing; afterwards the gateway must still be
// healthy and serve the same data as before. A separate, rate-limited gateway shows a flood from one address
// ending in 429s.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@threadly/logger';
import { signViewer } from '@threadly/identity-headers';
import { serverUnavailableReason } from '@threadly/testing';
import { createClerkAuthenticate, developmentClerkSessionOptions, readSupergraphSdl, startGatewayServer, type GatewayServer } from '../src/index.ts';
import { MemoryRateLimiter } from '../src/edge/memory-rate-limiter.ts';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import type { RateLimiter } from '../src/edge/rate-limiter.ts';
import { RedisRateLimiter } from '../src/edge/redis-rate-limiter.ts';
import { aliasCases } from './hostile/aliases.ts';
import { batchingCases } from './hostile/batching.ts';
import { bodyCases, MAX_BODY_BYTES } from './hostile/bodies.ts';
import { demoIds } from './hostile/demo-fixtures.ts';
import { encodingCases } from './hostile/encoding.ts';
import { envelopeCases } from './hostile/envelope.ts';
import { FLOOD_LIMITS, floodCases } from './hostile/flood.ts';
import { postGraphQL, type HostileCase, type HostileRequest } from './hostile/hostile-case.ts';
import { injectionCases } from './hostile/injection.ts';
import { nestingCases } from './hostile/nesting.ts';
import { expectRefusal } from './hostile/refusal-checks.ts';
import { sendRawRequest } from './hostile/send-raw-request.ts';
import { stringCases } from './hostile/strings.ts';
import { tokenCases } from './hostile/tokens.ts';
import { typeCases } from './hostile/types.ts';
import { webhookCases } from './hostile/webhooks.ts';
import { startTestSupergraph, TEST_IDENTITY_SECRET, type TestSupergraph } from './support/test-supergraph.ts';

const FAMILIES: Array<{ family: string; cases: HostileCase[] }> = [
  { family: 'nesting', cases: nestingCases() },
  { family: 'aliases and floods of fields', cases: aliasCases() },
  { family: 'huge strings', cases: stringCases() },
  { family: 'encoding', cases: encodingCases() },
  { family: 'JSON and envelope', cases: envelopeCases() },
  { family: 'wrong types', cases: typeCases() },
  { family: 'forged credentials', cases: tokenCases() },
  { family: 'bodies and framing', cases: bodyCases() },
  { family: 'batching, methods and CSRF', cases: batchingCases() },
  { family: 'injection', cases: injectionCases() },
  { family: 'forged webhooks', cases: webhookCases() },
];

/** What the buyer, the seller and the admin see of their own data: it must be the same after the suite. */
const SNAPSHOT = {
  buyer: '{ me { id displayName bio role favorites(first: 100) { edges { cursor } } } myCart { itemCount } myOrders(first: 100) { edges { cursor } } }',
  seller: `{ me { id role } product(id: "${demoIds.activeProduct}") { title description status images { url } } }`,
  admin: '{ me { id role displayName } }',
} as const;

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const outcomes = new Map<string, number>();
const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

let supergraph: TestSupergraph;
let origin: string;
let before: Record<string, unknown>;
const prototypeBefore = prototypeKeys();

async function snapshot() {
  const entries = await Promise.all(
    (Object.keys(SNAPSHOT) as Array<keyof typeof SNAPSHOT>).map(async (account) => {
      const { body } = await supergraph.graphql(SNAPSHOT[account], {}, { as: demoIds[account] });
      expect(body.errors, account).toBeUndefined();
      return [account, body.data] as const;
    }),
  );
  return Object.fromEntries(entries);
}

beforeAll(async () => {
  supergraph = await startTestSupergraph({ production: true });
  origin = new URL(supergraph.gatewayUrl).origin;
  before = await snapshot();
});

afterAll(async () => {
  const lines = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => `  ${outcome} × ${n}`);
  console.log(`hostile-input outcomes (${[...outcomes.values()].reduce((a, b) => a + b, 0)} requests):\n${lines.join('\n')}`);
  await supergraph?.close();
});

it('generates at least 200 distinct cases across every family', () => {
  const all = FAMILIES.flatMap(({ cases }) => cases);
  console.log(`hostile-input cases: ${FAMILIES.map(({ family, cases }) => `${family} ${cases.length}`).join(', ')}; ${all.length} in all`);
  expect(all.length).toBeGreaterThanOrEqual(200);
  expect(new Set(all.map((testCase) => testCase.name)).size).toBe(all.length);
  for (const { family, cases } of FAMILIES) expect(cases.length, family).toBeGreaterThanOrEqual(10);
  // Generated from seeds: the same bodies, byte for byte, every time (tokens carry the clock, so headers may differ).
  const bodies = (cases: HostileCase[]) => cases.map((testCase) => testCase.request.body);
  for (const generate of [nestingCases, aliasCases, stringCases, injectionCases]) {
    const again = generate();
    expect(bodies(again)).toEqual(bodies(FAMILIES.find(({ cases }) => cases[0]?.name === again[0]?.name)!.cases));
  }
});

describe.each(FAMILIES)('$family', ({ cases }) => {
  it.each(cases)('$name', async (testCase) => {
    count(expectRefusal(testCase, await sendRawRequest(origin, testCase.request)));
  });
});

describe('after every hostile request', () => {
  it('is healthy and ready', async () => {
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status, await ready.clone().text()).toBe(200);
  });

  it('still serves the same data, and nothing was changed by the refused requests', async () => {
    const { body } = await supergraph.graphql(`{ categories { slug } product(id: "${demoIds.activeProduct}") { id seller { id } } }`);
    expect(body.data.categories.length).toBeGreaterThan(0);
    expect(body.data.product).toEqual({ id: demoIds.activeProduct, seller: { id: demoIds.seller } });
    expect(await snapshot()).toEqual(before);
  });

  it('never lets a client’s x-threadly-viewer reach a subgraph: me stays anonymous, or the token’s own user', async () => {
    const forged = { 'x-threadly-viewer': signViewer({ userId: demoIds.admin, role: 'ADMIN' }, TEST_IDENTITY_SECRET) };
    expect((await supergraph.graphql('{ me { id } }', {}, { headers: forged })).body).toEqual({ data: { me: null } });
    expect((await supergraph.graphql('{ me { id role } }', {}, { as: demoIds.buyer, headers: forged })).body.data.me).toEqual({ id: demoIds.buyer, role: 'BUYER' });
  });

  it('still takes real-world text: emoji, accents and other scripts are not mistaken for broken Unicode', async () => {
    const { status, body } = await supergraph.graphql('query ($slug: String!) { category(slug: $slug) { id } }', { slug: 'vêtements-🧥-服' });
    expect(status).toBe(200);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('left Object.prototype untouched (the gateway and subgraphs run in this process)', () => {
    expect(prototypeKeys()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });
});

describe('a flood from one address, with rate limiting on', () => {
  let limited: GatewayServer;
  let limiter: RateLimiter;
  const redisUrl = serverUnavailableReason('redis') === null ? process.env.REDIS_URL : undefined;

  beforeAll(async () => {
    limiter = redisUrl
      ? new RedisRateLimiter({ url: redisUrl, windowMs: FLOOD_LIMITS.windowSeconds * 1000, keyPrefix: `threadly-hostile:${randomUUID()}:`, logger: { error: () => undefined, info: () => undefined } })
      : new MemoryRateLimiter({ windowMs: FLOOD_LIMITS.windowSeconds * 1000 });
    if (limiter instanceof RedisRateLimiter) await limiter.whenConnected();
    const logger = createLogger('gateway-hostile', 'silent');
    limited = await startGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls: supergraph.subgraphUrls,
      identitySecret: TEST_IDENTITY_SECRET,
      production: true,
      maxBodyBytes: MAX_BODY_BYTES,
      port: 0,
      logger,
      authenticate: createClerkAuthenticate({ session: developmentClerkSessionOptions(), identityUrl: supergraph.subgraphUrls.identity, identitySecret: TEST_IDENTITY_SECRET, logger }),
      enforceRateLimit: createRateLimitEnforcer(limiter, FLOOD_LIMITS),
    });
  });
  afterAll(async () => {
    await limited?.stop();
    await limiter?.close();
  });

  const send = (request: HostileRequest, localAddress?: string) => sendRawRequest(new URL(limited.url).origin, request, { localAddress });
  const plainQuery = postGraphQL('{ categories { id } }');

  it(`serves an address's first ${FLOOD_LIMITS.anonymous} requests`, async () => {
    for (let i = 0; i < FLOOD_LIMITS.anonymous; i += 1) {
      expect((await send(plainQuery)).status).toBe(200);
    }
  });

  it.each(floodCases())('$name', async (testCase) => {
    const response = await send(testCase.request);
    count(expectRefusal(testCase, response));
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('refuses a burst of 100 concurrent requests from that address, every one with 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 100 }, async () => (await send(plainQuery)).status));
    expect(new Set(statuses)).toEqual(new Set([429]));
  });

  it('still serves another address', async () => {
    expect((await send(plainQuery, '127.0.0.2')).status).toBe(200);
  });
});
