import { createLogger } from '@threadly/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_SECRET, startChatSubgraphs, type ChatSubgraphs } from '../../test/subscriptions-fixtures/chat-subgraphs.ts';
import { DEFAULT_OPERATION_LIMITS } from '../edge/operation-limits.ts';
import { SubgraphDataSource } from '../subgraph-data-source.ts';
import { startFederatedSubscription } from './federated-subscription.ts';
import { createSubscriptionPlanner, type PlannedSubscription, type SubscriptionPlanner } from './subscription-planner.ts';
import { createUpstreamConnections } from './upstream-connections.ts';

const logger = createLogger('test', 'silent');
const alice = { userId: 'alice', role: 'BUYER' as const };

let chat: ChatSubgraphs;
let planner: SubscriptionPlanner;

beforeAll(async () => {
  chat = await startChatSubgraphs();
  planner = createSubscriptionPlanner(chat.supergraphSdl, DEFAULT_OPERATION_LIMITS);
});
afterAll(() => chat.close());

function subscribe(query: string, variables: Record<string, unknown>, { viewer = alice as typeof alice | null, maxPendingEvents = 10, onOverflow = (): void => undefined } = {}) {
  const planned = planner.plan(query, undefined);
  if (Array.isArray(planned)) throw planned[0];
  const upstream = createUpstreamConnections({ subgraphUrls: chat.subgraphUrls, viewer, identitySecret: CHAT_SECRET, requestId: 'test' });
  const dataSources = Object.fromEntries(Object.entries(chat.subgraphUrls).map(([name, url]) => [name, new SubgraphDataSource(url, CHAT_SECRET)]));
  const events = startFederatedSubscription({
    planned: planned as PlannedSubscription,
    planner,
    variables,
    context: { requestId: 'test', receivedAt: 0, principal: viewer ? { kind: 'user', viewer } : { kind: 'anonymous', ip: '127.0.0.1' }, viewer },
    upstream,
    dataSources,
    maxPendingEvents,
    onOverflow,
    logger,
  });
  return { events, upstream };
}

const until = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

const MESSAGES = 'subscription Room($room: ID!) { messageAdded(room: $room) { body author { id name } } }';

describe('a federated subscription', () => {
  it('plans the subscription field to its owning subgraph and the entity fields to the others', () => {
    const planned = planner.plan(MESSAGES, undefined) as PlannedSubscription;
    expect(planned.primary.serviceName).toBe('chat');
    expect(JSON.stringify(planned.rest)).toContain('"serviceName":"people"');
  });

  it('delivers each event complete, with the fields other subgraphs own', async () => {
    const { events, upstream } = subscribe(MESSAGES, { room: 'lobby' });
    const first = events.next();
    await until(() => chat.activeSubscriptions() === 1);
    await chat.publish('lobby', { id: 'm1', body: 'Is it still available?', authorId: 'bob' });
    await chat.publish('lobby', { id: 'm2', body: 'Yes!', authorId: 'alice' });
    expect((await first).value).toEqual({ data: { messageAdded: { body: 'Is it still available?', author: { id: 'bob', name: 'Bob Leroy' } } } });
    expect((await events.next()).value).toEqual({ data: { messageAdded: { body: 'Yes!', author: { id: 'alice', name: 'Alice Martin' } } } });
    await events.return(undefined);
    await until(() => chat.activeSubscriptions() === 0);
    await upstream.close();
  });

  it('passes on the owning subgraph refusing the subscription, with its code', async () => {
    const forbidden = subscribe(MESSAGES, { room: 'secret' });
    const result = await forbidden.events.next();
    expect(result.value.errors.map((error: { extensions: unknown }) => error.extensions)).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    expect((await forbidden.events.next()).done).toBe(true);
    const anonymous = subscribe(MESSAGES, { room: 'lobby' }, { viewer: null });
    expect((await anonymous.events.next()).value.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await Promise.all([forbidden.upstream.close(), anonymous.upstream.close()]);
  });

  it('gives up on a consumer that lets more than the bound of events wait, and stops the upstream subscription', async () => {
    let overflowed = 0;
    const { events, upstream } = subscribe(MESSAGES, { room: 'busy' }, { maxPendingEvents: 3, onOverflow: () => (overflowed += 1) });
    void events.next();
    await until(() => chat.activeSubscriptions() === 1);
    for (let index = 0; index < 6; index += 1) await chat.publish('busy', { id: `b${index}`, body: `${index}`, authorId: 'bob' });
    await until(() => overflowed === 1);
    await events.return(undefined);
    await until(() => chat.activeSubscriptions() === 0);
    await upstream.close();
  });

  it('refuses what is not a valid subscription before anything is planned', () => {
    expect((planner.plan('subscription { nope }', undefined) as Array<{ extensions: unknown }>)[0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect((planner.plan('{ ping }', undefined) as Array<{ extensions: unknown }>)[0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect((planner.plan('subscription {', undefined) as Array<{ extensions: unknown }>)[0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
