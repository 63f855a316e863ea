// Signed-in users while identity is down, through the real gateway and subgraphs. The gateway verifies the session
// token itself and asks identity who the Clerk user is; once its fresh answer expired (a 1 ms TTL here) and identity
// cannot be reached, it uses the last answer identity gave, within a bound: a listing page comes back partial rather
// than 503, a message still goes out. Past the bound, for a user identity never answered for, and for a user whose
// deletion the gateway heard of (the `user.deleted` event), it does not. See README "Failure handling".
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProductDetailDocument, SendMessageDocument, type ProductDetailQuery } from '@threadly/mobile-client';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { CLERK_WEBHOOK_PATH } from '@threadly/identity';
import { clerkWebhookSender, deletedUserJson } from '@threadly/testing';
import { signDevelopmentSessionToken } from '../src/auth/dev-token.ts';
import type { GatewayServer } from '../src/gateway-server.ts';
import { startExtraGateway } from './support/extra-gateway.ts';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from './support/test-supergraph.ts';

const BUYER = DEMO_ACCOUNTS.buyer.id;
/** Signs in for the first time while identity is down. */
const NEWCOMER = DEMO_ACCOUNTS.admin.id;
const COOL_DOWN_MS = 200;
/** The second gateway's stale bound: short, so the test can wait it out. */
const SHORT_STALE_MS = 1500;
const UNAVAILABLE = { message: 'Sign-in is temporarily unavailable. Try again in a moment.', code: 'SUBGRAPH_UNAVAILABLE' };

let supergraph: TestSupergraph;
let shortBound: GatewayServer;
let listing: ProductDetailQuery;
let conversationId: string;
/** A member who signed in, then deleted their Clerk account; their token is still valid. */
let deleted: { id: string; clerkId: string; token: string };
/** Just before the short-bound gateway's sign-in: identity's answer came after this. */
let shortBoundSignInStartedAt: number;

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    production: true,
    // Else the listing page asked while identity was up would be answered whole from the cache.
    responseCache: false,
    subgraphFetch: { circuitCoolDownMs: COOL_DOWN_MS },
    local: { userCacheTtlMs: 1, identityStaleIfErrorMs: 10 * 60_000 },
  });
  shortBound = await startExtraGateway(supergraph.subgraphUrls, { production: true, userCacheTtlMs: 1, identityStaleIfErrorMs: SHORT_STALE_MS });
}, 60_000);
afterAll(async () => {
  await shortBound?.stop();
  await supergraph?.close();
});

const send = <Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables: Variables, as?: string) =>
  supergraph.graphql(print(document), variables, as ? { as } : {});

const postAs = async (url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
};

const clerkIdOf = async (userId: string) =>
  (await supergraph.database.pool.query<{ clerkId: string }>(`SELECT "clerkId" FROM identity."User" WHERE id = $1`, [userId])).rows[0]!.clerkId;

const errorsOf = (response: GraphQLResponse) => (response.body.errors ?? []).map(({ message, extensions }) => ({ message, code: extensions?.code }));

const ME = '{ me { id } }';

describe('signed-in requests while identity is down', () => {
  it('while identity is up: the buyer, a member about to delete their account, and the short-bound gateway sign in', async () => {
    const dashboard = await supergraph.graphql('{ me { conversations(first: 1) { edges { node { id } } } } }', {}, { as: BUYER });
    conversationId = dashboard.body.data.me.conversations.edges[0].node.id;
    const { rows } = await supergraph.database.pool.query<{ id: string; clerkId: string }>(
      `SELECT id, "clerkId" FROM identity."User" WHERE id <> ALL($1::uuid[]) AND "deletedAt" IS NULL ORDER BY id LIMIT 1`,
      [Object.values(DEMO_ACCOUNTS).map(({ id }) => id)],
    );
    deleted = { ...rows[0]!, token: signDevelopmentSessionToken({ clerkId: rows[0]!.clerkId }) };
    expect((await postAs(supergraph.gatewayUrl, deleted.token, ME)).body).toEqual({ data: { me: { id: deleted.id } } });
    const token = signDevelopmentSessionToken({ clerkId: await clerkIdOf(BUYER) });
    shortBoundSignInStartedAt = Date.now();
    expect((await postAs(shortBound.url, token, ME)).body).toEqual({ data: { me: { id: BUYER } } });

    // A listing of the demo seller's: the member deleted below may sell too, and their listings leave the shop.
    const { rows: products } = await supergraph.database.pool.query<{ id: string }>(
      `SELECT id FROM catalog."Product" WHERE status = 'ACTIVE' AND "sellerId" = $1 ORDER BY id LIMIT 1`,
      [DEMO_ACCOUNTS.seller.id],
    );
    const whole = await send(ProductDetailDocument, { id: products[0]!.id }, BUYER);
    expect(whole.body.errors).toBeUndefined();
    listing = whole.body.data;
    expect(listing.product.seller?.displayName).toEqual(expect.any(String));
  });

  it("the deletion reaches the gateway through identity's user.deleted event, before identity goes down", async () => {
    const send = clerkWebhookSender(new URL(CLERK_WEBHOOK_PATH, supergraph.gatewayUrl).toString());
    expect(await send('user.deleted', deletedUserJson(deleted.clerkId))).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    // Identity's outbox published and every consumer (the gateway's among them) handled it; no request in between,
    // so the gateway's last answer for this member is the one from before the deletion.
    await supergraph.settleEvents();
    await supergraph.stopSubgraph('identity');
  });

  it('a listing page comes back partial: everything but the seller, one SUBGRAPH_UNAVAILABLE naming identity', async () => {
    const partial = await send(ProductDetailDocument, { id: listing.product.id }, BUYER);
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ ...listing, product: { ...listing.product, seller: null } });
    expect((partial.body.errors ?? []).map(({ extensions }) => [extensions?.code, extensions?.subgraph])).toEqual([['SUBGRAPH_UNAVAILABLE', 'identity']]);
  });

  it('a message to a seller still goes out', async () => {
    const body = 'Sent while identity was down, on a stale sign-in.';
    const sent = await send(SendMessageDocument, { conversationId, body }, BUYER);
    expect(sent.status).toBe(200);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data.sendMessage).toMatchObject({ id: expect.any(String), body });
  });

  it('someone identity never answered for gets 503 SUBGRAPH_UNAVAILABLE', async () => {
    const refused = await supergraph.graphql(ME, {}, { as: NEWCOMER });
    expect(refused.status).toBe(503);
    expect(errorsOf(refused)).toEqual([UNAVAILABLE]);
  });

  it('the deleted member gets UNAUTHENTICATED, not their stale sign-in', async () => {
    const refused = await postAs(supergraph.gatewayUrl, deleted.token, ME);
    expect(refused.status).toBe(401);
    expect(errorsOf(refused)).toEqual([{ message: 'This account has been deleted.', code: 'UNAUTHENTICATED' }]);
  });

  it('past the stale bound, a signed-in user gets 503 SUBGRAPH_UNAVAILABLE', async () => {
    const token = signDevelopmentSessionToken({ clerkId: await clerkIdOf(BUYER) });
    let refused: GraphQLResponse | undefined;
    await vi.waitFor(
      async () => {
        refused = await postAs(shortBound.url, token, ME);
        expect(refused.status).toBe(503);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(errorsOf(refused!)).toEqual([UNAVAILABLE]);
    // Not before the bound: it counts from identity's answer, which came after the sign-in started.
    expect(Date.now() - shortBoundSignInStartedAt).toBeGreaterThanOrEqual(SHORT_STALE_MS);
  });

  it('once identity is back, lookups are fresh again: the newcomer signs in and pages are whole', async () => {
    await supergraph.restartSubgraph('identity');
    await vi.waitFor(
      async () => {
        const me = await supergraph.graphql(ME, {}, { as: NEWCOMER });
        expect(me.body).toEqual({ data: { me: { id: NEWCOMER } } });
        const page = await send(ProductDetailDocument, { id: listing.product.id }, BUYER);
        expect(page.body.errors).toBeUndefined();
      },
      { timeout: 20_000, interval: COOL_DOWN_MS / 2 },
    );
    expect((await postAs(supergraph.gatewayUrl, deleted.token, ME)).status).toBe(401);
  });
});
