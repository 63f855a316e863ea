// Each of the four subgraphs down in turn, under the queries the mobile app really sends: the answer holds every
// field the other subgraphs give, null exactly where the missing one's fields were (the schema makes every field
// resolved by another subgraph nullable, so nothing bubbles further), one SUBGRAPH_UNAVAILABLE naming it, HTTP 200,
// nothing leaked and nothing cached. And mutations: one to a subgraph that is up still works, one to the subgraph
// that is down fails once, unretried.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConversationThreadDocument,
  MyDashboardDocument,
  ProductDetailDocument,
  SendMessageDocument,
  type ConversationThreadQuery,
  type MyDashboardQuery,
  type ProductDetailQuery,
} from '@threadly/mobile-client';
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { CACHE_STATUS_HEADER } from '../src/plugins/response-cache.ts';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from './support/test-supergraph.ts';

type SubgraphName = Parameters<TestSupergraph['stopSubgraph']>[0];

/** Short, so that after a restart the half-open probe closes the circuit at once and the file stays quick. */
const COOL_DOWN_MS = 200;
const BUYER = DEMO_ACCOUNTS.buyer.id;
/** An address, a socket error or a stack frame: what a partial answer must never carry. */
const LEAK = /127\.0\.0\.1|localhost|ECONNREFUSED|ECONNRESET|UND_ERR|\bat .+\(.*:\d+:\d+\)|\.ts:\d+/;

let supergraph: TestSupergraph;
let dashboard: MyDashboardQuery;
let listing: ProductDetailQuery;
let thread: ConversationThreadQuery;
let conversationId: string;

beforeAll(async () => {
  supergraph = await startTestSupergraph({
    // As clients meet it: no stack traces, internal errors masked.
    production: true,
    subgraphFetch: { circuitCoolDownMs: COOL_DOWN_MS },
    // The gateway resolves a session with identity and keeps the answer this long; long enough that the signed-in
    // requests below keep working while identity is down (see README "Failure handling").
    local: { userCacheTtlMs: 10 * 60_000 },
  });
}, 60_000);
afterAll(async () => supergraph?.close());

const send = <Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables: Variables, as?: string) =>
  supergraph.graphql(print(document), variables, as ? { as } : {});

const metric = async (name: string, subgraph: SubgraphName) => {
  const text = await (await fetch(new URL('/metrics', supergraph.gatewayUrl))).text();
  return Number(text.match(new RegExp(`${name}\\{subgraph="${subgraph}"\\} (\\d+)`))?.[1] ?? 0);
};

/** The whole answer, as when every subgraph is up, with `change` applied to a copy. */
const expected = <T>(whole: T, change: (copy: T) => void): T => {
  const copy = structuredClone(whole);
  change(copy);
  return copy;
};

/** What every partial answer has in common, whichever subgraph is down. */
function expectPartialAnswer(response: GraphQLResponse, down: SubgraphName, data: unknown) {
  expect(response.status).toBe(200);
  expect(response.body.data).toEqual(data);
  expect((response.body.errors ?? []).map(({ message, extensions }) => ({ message, code: extensions?.code, subgraph: extensions?.subgraph }))).toEqual([
    { message: expect.stringContaining(down), code: 'SUBGRAPH_UNAVAILABLE', subgraph: down },
  ]);
  expect(JSON.stringify(response.body)).not.toMatch(LEAK);
  expect(response.headers.get(CACHE_STATUS_HEADER)).toBe('BYPASS');
}

/** Runs `test` with `name` stopped, then serves it again and waits (bounded) until answers are whole again. */
async function whileDown(name: SubgraphName, test: () => Promise<void>) {
  await supergraph.stopSubgraph(name);
  try {
    await test();
  } finally {
    await supergraph.restartSubgraph(name);
    let answer = await send(MyDashboardDocument, {}, BUYER);
    for (let tries = 0; answer.body.errors && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS / 2));
      answer = await send(MyDashboardDocument, {}, BUYER);
    }
    expect(answer.body.errors, `${name} answers again after its restart`).toBeUndefined();
  }
}

describe('partial answers, one subgraph down at a time', () => {
  it('answers whole while every subgraph is up', async () => {
    dashboard = (await send(MyDashboardDocument, {}, BUYER)).body.data;
    const me = dashboard.me!;
    // The buyer has orders and conversations, so each case below has data from every subgraph to keep or lose.
    expect(me.orders!.edges.length).toBeGreaterThan(0);
    expect(me.conversations!.edges.length).toBeGreaterThan(0);
    conversationId = me.conversations!.edges[0]!.node.id;
    thread = (await send(ConversationThreadDocument, { id: conversationId, first: 30 }, BUYER)).body.data;
    expect(thread.conversation.participants.every((user) => user?.displayName)).toBe(true);
    const productId = me.orders!.edges[0]!.node.items[0]!.product!.id;
    const whole = await send(ProductDetailDocument, { id: productId });
    expect(whole.body.errors).toBeUndefined();
    listing = whole.body.data;
    expect(listing.product.seller?.displayName).toEqual(expect.any(String));
  });

  it('identity down: a listing page keeps the listing, its seller is null', async () => {
    await whileDown('identity', async () => {
      const partial = await send(ProductDetailDocument, { id: listing.product.id });
      expectPartialAnswer(partial, 'identity', expected(listing, (data) => void (data.product.seller = null)));
    });
  });

  it('catalog down: the profile tab keeps the profile, orders and conversations; listings and products are null', async () => {
    await whileDown('catalog', async () => {
      const partial = await send(MyDashboardDocument, {}, BUYER);
      expectPartialAnswer(
        partial,
        'catalog',
        expected(dashboard, ({ me }) => {
          me!.listings = null;
          for (const { node } of me!.orders!.edges) for (const item of node.items) item.product = null;
          for (const { node } of me!.conversations!.edges) node.product = null;
        }),
      );
    });
  });

  it('commerce down: the profile tab keeps the profile, listings and conversations; orders are null', async () => {
    await whileDown('commerce', async () => {
      const partial = await send(MyDashboardDocument, {}, BUYER);
      expectPartialAnswer(partial, 'commerce', expected(dashboard, ({ me }) => void (me!.orders = null)));
    });
  });

  it('messaging down: the profile tab keeps the profile, listings and orders; conversations are null', async () => {
    await whileDown('messaging', async () => {
      const partial = await send(MyDashboardDocument, {}, BUYER);
      expectPartialAnswer(partial, 'messaging', expected(dashboard, ({ me }) => void (me!.conversations = null)));
    });
  });
});

describe('mutations while a subgraph is down', () => {
  it('identity down: sending a message (messaging) works, and the thread shows it with its people null', async () => {
    const body = 'Sent while identity was down.';
    await whileDown('identity', async () => {
      const sent = await send(SendMessageDocument, { conversationId, body }, BUYER);
      expect(sent.status).toBe(200);
      expect(sent.body.errors).toBeUndefined();
      expect(sent.body.data.sendMessage).toMatchObject({ id: expect.any(String), body });

      const partial = await send(ConversationThreadDocument, { id: conversationId, first: 30 }, BUYER);
      const now = partial.body.data as ConversationThreadQuery;
      expect(now.conversation.messages.edges[0]!.node).toMatchObject({ id: sent.body.data.sendMessage.id, body, sender: null });
      expectPartialAnswer(
        partial,
        'identity',
        expected(thread, ({ conversation }) => {
          conversation.participants = [null, null];
          // The new message comes first (newest first); every older one is as before, its sender null.
          conversation.messages.edges = [now.conversation.messages.edges[0]!, ...conversation.messages.edges.slice(0, 29)];
          for (const { node } of conversation.messages.edges) node.sender = null;
          conversation.messages.pageInfo = now.conversation.messages.pageInfo;
        }),
      );
    });
  });

  it('messaging down: sending a message is SUBGRAPH_UNAVAILABLE, sent once and never retried, and nothing is stored', async () => {
    const body = 'Sent while messaging was down.';
    // First request to messaging after it stops, so its circuit is closed and the one attempt really goes out.
    const [failuresBefore, retriesBefore] = [await metric('threadly_gateway_subgraph_fetch_failures_total', 'messaging'), await metric('threadly_gateway_subgraph_fetch_retries_total', 'messaging')];
    await whileDown('messaging', async () => {
      const refused = await send(SendMessageDocument, { conversationId, body }, BUYER);
      expect(refused.status).toBe(200);
      expect(refused.body.data).toBeNull();
      expect(refused.body.errors?.map((error) => [error.extensions?.code, error.extensions?.subgraph])).toEqual([['SUBGRAPH_UNAVAILABLE', 'messaging']]);
      expect(JSON.stringify(refused.body)).not.toMatch(LEAK);
      expect(await metric('threadly_gateway_subgraph_fetch_failures_total', 'messaging')).toBe(failuresBefore + 1);
      expect(await metric('threadly_gateway_subgraph_fetch_retries_total', 'messaging')).toBe(retriesBefore);
    });
    const after = await send(ConversationThreadDocument, { id: conversationId, first: 30 }, BUYER);
    expect(after.body.data.conversation.messages.edges.map(({ node }: { node: { body: string } }) => node.body)).not.toContain(body);
  });
});
