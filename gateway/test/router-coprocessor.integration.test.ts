// The Apollo Router coprocessor (gateway/src/router-coprocessor/) over the real identity subgraph, sent requests in
// the Router's own wire format (its `Externalizable`, version 1, at the RouterRequest stage, with `headers` and
// `context` as router.yaml configures). The Router binary cannot be installed here; what it would do with the
// answer (merge the context entries, or end the request with the break status, body and headers) is the Router's
// documented behaviour, and the Rhai script's part is played by sending the signed value to a subgraph as
// x-threadly-viewer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { verifyViewer } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { developmentClerkSessionOptions } from '../src/auth/clerk-env.ts';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import { findDemoUser } from '../src/auth/development-users.ts';
import { createGatewayAuthenticate } from '../src/auth/gateway-authenticate.ts';
import { MemoryRateLimiter } from '../src/edge/memory-rate-limiter.ts';
import { createRateLimitEnforcer } from '../src/edge/rate-limit-enforcer.ts';
import { VIEWER_CONTEXT_KEY } from '../src/router-coprocessor/coprocessor-payload.ts';
import { startRouterCoprocessor, type RouterCoprocessor } from '../src/router-coprocessor/coprocessor-server.ts';
import { startTestSupergraph, TEST_IDENTITY_SECRET, type TestSupergraph } from './support/test-supergraph.ts';

const silent = createLogger('router-coprocessor', 'silent');
const ANONYMOUS_LIMIT = 3;
let supergraph: TestSupergraph;
let coprocessor: RouterCoprocessor;
let limiter: MemoryRateLimiter;

beforeAll(async () => {
  supergraph = await startTestSupergraph();
  limiter = new MemoryRateLimiter({ windowMs: 60_000 });
  coprocessor = await startRouterCoprocessor({
    authenticate: createGatewayAuthenticate({
      session: developmentClerkSessionOptions(),
      identityUrl: supergraph.subgraphUrls.identity,
      identitySecret: TEST_IDENTITY_SECRET,
      logger: silent,
    }),
    enforceRateLimit: createRateLimitEnforcer(limiter, { windowSeconds: 60, user: 100, anonymous: ANONYMOUS_LIMIT, partner: 100 }),
    identitySecret: TEST_IDENTITY_SECRET,
    trustedProxyHops: 1,
    logger: silent,
    port: 0,
  });
}, 60_000);
afterAll(async () => {
  await coprocessor?.stop();
  await limiter?.close();
  await supergraph?.close();
});

/** What the Router POSTs at the RouterRequest stage: headers as lists per name, the context's entries. */
const routerRequest = (headers: Record<string, string>) => ({
  version: 1,
  stage: 'RouterRequest',
  control: 'continue',
  id: randomUUID(),
  headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...headers }).map(([name, value]) => [name, [value]])),
  context: { entries: { 'apollo::supergraph::operation_kind': 'query' } },
  method: 'POST',
});

/** The coprocessor's reply (or, for a request it refuses, a GraphQL error body). */
interface CoprocessorAnswer {
  version: number;
  stage: string;
  id: string;
  control: 'continue' | { break: number };
  headers: Record<string, string[]>;
  /** At the router stage a string: the GraphQL response the Router answers with on a break. */
  body: string;
  context?: { entries: Record<string, unknown> };
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

async function call(payload: unknown) {
  const response = await fetch(coprocessor.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as CoprocessorAnswer };
}

const bearer = (account: keyof typeof DEMO_ACCOUNTS) => `Bearer ${signDevelopmentSessionToken(findDemoUser(account)!)}`;

describe('Router coprocessor at the RouterRequest stage', () => {
  it('signs a signed-in user into the context, which the subgraphs accept as the viewer', async () => {
    const request = routerRequest({ authorization: bearer('seller'), 'x-forwarded-for': '203.0.113.9' });
    const { status, body } = await call(request);
    expect(status).toBe(200);
    // Same id and stage, continue, no headers or body (the Router would replace the client's with them).
    expect(body).toEqual({ version: 1, stage: 'RouterRequest', id: request.id, control: 'continue', context: { entries: { [VIEWER_CONTEXT_KEY]: expect.any(String) } } });
    const signed = body.context!.entries[VIEWER_CONTEXT_KEY] as string;
    expect(verifyViewer(signed, TEST_IDENTITY_SECRET)).toEqual({ status: 'valid', viewer: { userId: DEMO_ACCOUNTS.seller.id, role: 'SELLER' } });

    // What viewer-header.rhai does with it: x-threadly-viewer on a subgraph request.
    const me = await fetch(supergraph.subgraphUrls.identity, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-threadly-viewer': signed },
      body: JSON.stringify({ query: '{ me { id role } }' }),
    });
    expect(await me.json()).toMatchObject({ data: { me: { id: DEMO_ACCOUNTS.seller.id, role: 'SELLER' } } });
  });

  it('lets an anonymous request through with no viewer', async () => {
    const { body } = await call(routerRequest({ 'x-forwarded-for': '198.51.100.1' }));
    expect(body).toMatchObject({ control: 'continue', context: { entries: {} } });
  });

  it('ends a request with a bad token with 401 and the gateway\'s UNAUTHENTICATED error', async () => {
    const request = routerRequest({ authorization: 'Bearer not-a-session-token', 'x-forwarded-for': '198.51.100.2' });
    const { status, body } = await call(request);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: request.id, stage: 'RouterRequest', control: { break: 401 } });
    expect(body.headers).toMatchObject({ 'content-type': ['application/json'], 'www-authenticate': [expect.stringContaining('Bearer')] });
    const answer = JSON.parse(body.body);
    expect(answer.errors).toEqual([{ message: expect.stringContaining('Session token is malformed'), extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(body.context).toBeUndefined();
  });

  it('refuses two credentials at once and a malformed partner key, as the gateway does', async () => {
    const both = await call(routerRequest({ authorization: bearer('buyer'), 'x-api-key': 'thr_live_x', 'x-forwarded-for': '198.51.100.3' }));
    expect(both.body.control).toEqual({ break: 401 });
    expect(JSON.parse(both.body.body).errors[0]).toMatchObject({ message: expect.stringContaining('not both'), extensions: { code: 'UNAUTHENTICATED' } });
    const malformed = await call(routerRequest({ 'x-api-key': 'not-a-key', 'x-forwarded-for': '198.51.100.3' }));
    expect(JSON.parse(malformed.body.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('limits anonymous clients by the address the load balancer appended, with 429 and Retry-After', async () => {
    // The leftmost entry is the client's own say and does not pick the bucket.
    const from = (spoofed: string) => routerRequest({ 'x-forwarded-for': `${spoofed}, 192.0.2.77` });
    for (let index = 0; index < ANONYMOUS_LIMIT; index++) expect((await call(from(`10.0.0.${index}`))).body.control).toBe('continue');
    const refused = await call(from('10.0.0.99'));
    expect(refused.body.control).toEqual({ break: 429 });
    expect(Number(refused.body.headers['retry-after']![0])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body.body).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Another client behind the same load balancer is not affected.
    expect((await call(routerRequest({ 'x-forwarded-for': '192.0.2.78' }))).body.control).toBe('continue');
  });

  it('passes other stages through untouched and answers 400 to what is not a coprocessor request', async () => {
    const subgraphStage = { ...routerRequest({}), stage: 'SubgraphRequest', serviceName: 'catalog' };
    expect((await call(subgraphStage)).body).toEqual({ version: 1, stage: 'SubgraphRequest', id: subgraphStage.id, control: 'continue', context: { entries: {} } });
    const wrongVersion = await call({ ...routerRequest({}), version: 2 });
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.body.errors![0]).toMatchObject({ message: expect.stringContaining('version'), extensions: { code: 'BAD_REQUEST' } });
    const notJson = await fetch(coprocessor.url, { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(400);
  });
});
