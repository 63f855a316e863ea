// A subscription event while a subgraph its selection reaches is down: it arrives as a query's answer would — what
// messaging and catalog give, `null` for what identity gives, one SUBGRAPH_UNAVAILABLE naming identity however
// many fetches the rest of the plan made to it — and the subscription stays open for the next event.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { serverUnavailableReason } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsMessage } from './subscriptions-fixtures/graphql-ws-test-client.ts';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer } = DEMO_ACCOUNTS;
// Identity is reached twice per event: the sender, and the conversation's seller.
const MESSAGE_ADDED = `subscription($id: ID!) { messageAdded(conversationId: $id) {
  id body sender { id displayName } conversation { id seller { displayName } product { title } } } }`;
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }';

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let supergraph: SubscriptionSupergraph;
let conversation: { id: string; sellerId: string; productTitle: string };

beforeAll(async () => {
  if (skip) return;
  supergraph = await startSubscriptionSupergraph({
    // Sessions resolved before identity stops stay valid while it is down (see README "Failure handling"); the
    // periodic account check would otherwise close the connection when it cannot reach identity.
    userCacheTtlMs: 10 * 60_000,
    subscriptions: { accountCheckMs: 10 * 60_000 },
  });
  const { body } = await supergraph.graphql('{ myConversations(first: 1) { edges { node { id seller { id } product { title } } } } }', {}, { as: buyer.id });
  const node = body.data.myConversations.edges[0].node;
  conversation = { id: node.id, sellerId: node.seller.id, productTitle: node.product.title };
  // The seller's session, resolved now, while identity is up.
  await supergraph.graphql('{ me { id } }', {}, { as: conversation.sellerId });
}, 180_000);
afterAll(() => supergraph?.close());

const firstNext = (id: string) => (message: WsMessage) => message.id === id && message.type === 'next';

describe.skipIf(skip)('a subscription while identity is down', () => {
  it('delivers the message with the sender and seller null and one SUBGRAPH_UNAVAILABLE, and keeps the subscription open', async () => {
    const asBuyer = await supergraph.connect({ as: buyer.id });
    await asBuyer.ready;
    asBuyer.subscribe('m', MESSAGE_ADDED, { id: conversation.id });
    // Until messaging has the subscription, an event would not be seen.
    await new Promise((resolve) => setTimeout(resolve, 300));

    await supergraph.stopSubgraph('identity');
    try {
      const sent = await supergraph.graphql(SEND, { id: conversation.id, body: 'Sent while identity is down.' }, { as: conversation.sellerId });
      expect(sent.body.errors).toBeUndefined();
      const event = await asBuyer.next(firstNext('m'));
      expect(event.payload.data).toEqual({
        messageAdded: {
          id: sent.body.data.sendMessage.id,
          body: 'Sent while identity is down.',
          sender: null,
          conversation: { id: conversation.id, seller: null, product: { title: conversation.productTitle } },
        },
      });
      expect((event.payload.errors as Array<{ extensions: { code: string; subgraph: string } }>).map(({ extensions }) => [extensions.code, extensions.subgraph])).toEqual([
        ['SUBGRAPH_UNAVAILABLE', 'identity'],
      ]);
    } finally {
      await supergraph.restartSubgraph('identity');
    }

    // Still subscribed: the next message arrives too (whole or, within the circuit's cool-down, partial again).
    const second = await supergraph.graphql(SEND, { id: conversation.id, body: 'And now it is back.' }, { as: conversation.sellerId });
    const next = await asBuyer.next((message) => message.id === 'm' && message.type === 'next' && message.payload.data?.messageAdded?.id === second.body.data.sendMessage.id, 20_000);
    expect(next.payload.data.messageAdded.body).toBe('And now it is back.');
    expect(asBuyer.of('m').some((message) => message.type === 'complete' || message.type === 'error')).toBe(false);
  });
});
