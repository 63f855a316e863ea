import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { domainError } from '@threadly/errors';
import { createLogger } from '@threadly/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_SECRET, startChatSubgraphs, type ChatSubgraphs } from '../../test/subscriptions-fixtures/chat-subgraphs.ts';
import { connectWsTestClient, type WsTestClient } from '../../test/subscriptions-fixtures/graphql-ws-test-client.ts';
import { DEFAULT_OPERATION_LIMITS } from '../edge/operation-limits.ts';
import { createRequestContextFactory, type Authenticate } from '../request-context.ts';
import { startSubscriptionServer, type SubscriptionServer } from './subscription-server.ts';
import { DEFAULT_SUBSCRIPTION_SETTINGS } from './subscription-settings.ts';

/** The subscription endpoint over the two chat subgraphs, with a stand-in sign-in: `Bearer <jwt-shaped {sub, exp}>`. */
const deletedUsers = new Set<string>();
const tokenFor = (sub: string, expiresInMs = 3_600_000) =>
  `Bearer h.${Buffer.from(JSON.stringify({ sub, exp: (Date.now() + expiresInMs) / 1000 })).toString('base64url')}.s`;
const authenticate: Authenticate = async (req, ip) => {
  const token = req.headers.authorization?.split('.')[1];
  if (!token) return { kind: 'anonymous', ip };
  const { sub } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { sub: string };
  if (sub === 'forger') throw domainError('UNAUTHENTICATED', 'Session token signature does not verify: it was not signed by this Clerk instance.');
  if (deletedUsers.has(sub)) throw domainError('UNAUTHENTICATED', 'This account has been deleted.');
  return { kind: 'user', viewer: { userId: sub, role: 'BUYER' } };
};

let chat: ChatSubgraphs;
let http: Server;
let subscriptions: SubscriptionServer;
let url: string;
const clients: WsTestClient[] = [];

beforeAll(async () => {
  chat = await startChatSubgraphs();
  http = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  subscriptions = startSubscriptionServer({
    server: http,
    path: '/graphql',
    supergraphSdl: chat.supergraphSdl,
    subgraphUrls: chat.subgraphUrls,
    identitySecret: CHAT_SECRET,
    createContext: createRequestContextFactory(authenticate, async () => undefined, () => '127.0.0.1'),
    authenticate,
    operationLimits: DEFAULT_OPERATION_LIMITS,
    maxPayloadBytes: 100_000,
    settings: { ...DEFAULT_SUBSCRIPTION_SETTINGS, maxPerConnection: 2, maxConnectionsPerUser: 2, maxPendingEvents: 5, accountCheckMs: 100 },
    production: true,
    logger: createLogger('test', 'silent'),
  });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await subscriptions.stop();
  await new Promise((resolve) => http.close(resolve));
  await chat.close();
});

const connect = (params: Record<string, unknown> = {}) => {
  const client = connectWsTestClient(url, params);
  clients.push(client);
  return client;
};
const until = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 500 && !condition(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};
const ROOM = 'subscription Room($room: ID!) { messageAdded(room: $room) { body author { name } } }';

describe('the gateway subscription endpoint', () => {
  it('delivers complete events to a signed-in client', async () => {
    const client = connect({ authorization: tokenFor('alice') });
    await client.ready;
    client.subscribe('1', ROOM, { room: 'hall' });
    await until(() => chat.activeSubscriptions() === 1);
    await chat.publish('hall', { id: 'h1', body: 'Hello', authorId: 'bob' });
    const event = await client.next((message) => message.type === 'next');
    expect(event).toEqual({ id: '1', type: 'next', payload: { data: { messageAdded: { body: 'Hello', author: { name: 'Bob Leroy' } } } } });
    client.complete('1');
    await until(() => chat.activeSubscriptions() === 0);
  });

  it('answers an anonymous subscription to private data with UNAUTHENTICATED, then completes it', async () => {
    const client = connect();
    await client.ready;
    client.subscribe('1', ROOM, { room: 'hall' });
    const refused = await client.next((message) => message.type === 'next');
    expect(refused.payload.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    await client.next((message) => message.type === 'complete' && message.id === '1');
  });

  it('closes with 4401 and the reason when the credentials do not verify', async () => {
    const client = connect({ authorization: tokenFor('forger') });
    await expect(client.ready).rejects.toMatchObject({ code: 4401, reason: expect.stringContaining('signature does not verify') });
  });

  it('closes with 4401 when the session token expires, and when the account is deleted', async () => {
    const expiring = connect({ authorization: tokenFor('carol', 300) });
    const deleted = connect({ authorization: tokenFor('dave') });
    await Promise.all([expiring.ready, deleted.ready]);
    deletedUsers.add('dave');
    expect(await expiring.closed).toEqual({ code: 4401, reason: 'Session token has expired. Sign in again to get a new one.' });
    expect(await deleted.closed).toEqual({ code: 4401, reason: 'This account has been deleted.' });
  });

  it('keeps a connection open past its first token when the client sends a fresh one in a ping', async () => {
    const client = connect({ authorization: tokenFor('heidi', 400) });
    await client.ready;
    client.ping({ authorization: tokenFor('heidi') });
    await client.next((message) => message.type === 'pong');
    await new Promise((resolve) => setTimeout(resolve, 600));
    client.subscribe('1', ROOM, { room: 'after' });
    await until(() => chat.activeSubscriptions() === 1);
    await chat.publish('after', { id: 'a1', body: 'Still here', authorId: 'alice' });
    expect((await client.next((message) => message.type === 'next')).payload.data.messageAdded.body).toBe('Still here');
    client.ping({ authorization: tokenFor('mallory') });
    expect(await client.closed).toEqual({ code: 4401, reason: 'A refreshed session token must be for the same user.' });
  });

  it('refuses operations that are not valid subscriptions with their code', async () => {
    const client = connect({ authorization: tokenFor('alice') });
    await client.ready;
    client.subscribe('1', 'subscription { messageAdded(room: 1, extra: 2) { body } }');
    client.subscribe('2', ROOM, { room: null });
    client.subscribe('3', '{ ping }');
    const codes = await Promise.all(['1', '2', '3'].map((id) => client.next((message) => message.id === id)));
    expect(codes.map((message) => [message.type, message.payload[0].extensions.code])).toEqual([
      ['error', 'GRAPHQL_VALIDATION_FAILED'],
      ['error', 'BAD_USER_INPUT'],
      ['error', 'BAD_REQUEST'],
    ]);
    expect(JSON.stringify(client.messages)).not.toMatch(/stack|at .*\.ts/);
  });

  it('limits subscriptions per connection and connections per user', async () => {
    const first = connect({ authorization: tokenFor('erin') });
    const second = connect({ authorization: tokenFor('erin') });
    await Promise.all([first.ready, second.ready]);
    const third = connect({ authorization: tokenFor('erin') });
    await expect(third.ready).rejects.toMatchObject({ code: 4429, reason: 'Too many connections: at most 2 at once per user.' });
    for (const id of ['1', '2', '3']) first.subscribe(id, ROOM, { room: `room-${id}` });
    const refused = await first.next((message) => message.id === '3');
    expect(refused.payload[0]).toMatchObject({ message: expect.stringContaining('At most 2 subscriptions'), extensions: { code: 'BAD_REQUEST' } });
    second.close();
    await second.closed;
    await connect({ authorization: tokenFor('erin') }).ready;
  });

  it('disconnects a client that stops reading with 1013 instead of queueing without bound', async () => {
    const client = connect({ authorization: tokenFor('frank') });
    await client.ready;
    client.subscribe('1', ROOM, { room: 'flood' });
    await until(() => chat.activeSubscriptions() === 1);
    client.pause();
    const body = 'x'.repeat(256 * 1024);
    let closed: { code: number; reason: string } | undefined;
    void client.closed.then((value) => (closed = value));
    for (let index = 0; index < 400 && !closed && chat.activeSubscriptions() > 0; index += 1) {
      await chat.publish('flood', { id: `f${index}`, body, authorId: 'bob' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => chat.activeSubscriptions() === 0);
    // Reading again lets the events already in the socket's buffers, then the close frame, through.
    client.resume();
    expect(await client.closed).toEqual({ code: 1013, reason: 'Slow consumer: more than 5 events were waiting to be sent.' });
  });

  it('completes every subscription, then closes with 1001, when the gateway stops', async () => {
    const client = connect({ authorization: tokenFor('grace') });
    await client.ready;
    client.subscribe('1', ROOM, { room: 'closing' });
    await until(() => chat.activeSubscriptions() === 1);
    await subscriptions.stop();
    await client.next((message) => message.type === 'complete' && message.id === '1');
    expect(await client.closed).toEqual({ code: 1001, reason: 'The gateway is shutting down; reconnect.' });
    expect(chat.activeSubscriptions()).toBe(0);
  });
});
