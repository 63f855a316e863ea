// Fan-out across replicas: two gateways, each with its own messaging instance, over one PostgreSQL and one Redis.
// A message sent through either gateway reaches every subscriber on both, exactly once: messaging publishes each
// committed message once (one consumer group across its replicas) on Redis pub/sub, every messaging instance
// hears it and hands it to the subscriptions it serves, and each gateway completes it for its own clients.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import type { LocalReplica } from '@threadly/local-supergraph';
import { serverUnavailableReason } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsTestClient } from './subscriptions-fixtures/graphql-ws-test-client.ts';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer } = DEMO_ACCOUNTS;
const MESSAGE_ADDED = 'subscription($id: ID!) { messageAdded(conversationId: $id) { body sender { displayName } conversation { product { title } } } }';
const SEND = 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }';

const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
let supergraph: SubscriptionSupergraph;
let replica: LocalReplica;
let conversation: { id: string; sellerId: string };

beforeAll(async () => {
  if (skip) return;
  supergraph = await startSubscriptionSupergraph();
  replica = await supergraph.startReplica();
  const { body } = await supergraph.graphql('{ myConversations(first: 1) { edges { node { id seller { id } } } } }', {}, { as: buyer.id });
  conversation = { id: body.data.myConversations.edges[0].node.id, sellerId: body.data.myConversations.edges[0].node.seller.id };
}, 180_000);
afterAll(() => supergraph?.close());

const bodiesOf = (client: WsTestClient) => client.of('m').filter((message) => message.type === 'next').map((message) => message.payload.data.messageAdded.body as string);

describe.skipIf(skip)('subscriptions on two gateway replicas', () => {
  it('deliver a message sent through either gateway to every subscriber on both, exactly once', async () => {
    expect(replica.gatewayUrl).not.toBe(supergraph.gatewayUrl);
    expect(replica.messagingUrl).not.toBe(supergraph.subgraphUrls.messaging);
    const subscribers = await Promise.all([
      supergraph.connect({ as: buyer.id }),
      supergraph.connect({ as: conversation.sellerId }),
      supergraph.connect({ as: buyer.id, gatewayUrl: replica.gatewayUrl }),
      supergraph.connect({ as: conversation.sellerId, gatewayUrl: replica.gatewayUrl }),
    ]);
    await Promise.all(subscribers.map((client) => client.ready));
    for (const client of subscribers) client.subscribe('m', MESSAGE_ADDED, { id: conversation.id });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const sendThrough = async (gatewayUrl: string, body: string) => {
      const authorization = await supergraph.authorizationFor(buyer.id);
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: SEND, variables: { id: conversation.id, body } }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    };
    await sendThrough(supergraph.gatewayUrl, 'Sent through the first gateway');
    await sendThrough(replica.gatewayUrl, 'Sent through the second gateway');
    for (const client of subscribers) {
      await client.next((message) => message.type === 'next' && message.payload.data.messageAdded.body === 'Sent through the second gateway');
    }
    // Anything duplicated would arrive within moments of the original.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const client of subscribers) {
      // Two events published by two messaging replicas may arrive in either order; clients order by createdAt.
      expect(bodiesOf(client).sort()).toEqual(['Sent through the first gateway', 'Sent through the second gateway']);
      expect(client.of('m').every((message) => message.type !== 'next' || message.payload.data.messageAdded.conversation.product.title)).toBe(true);
    }
  });
});
