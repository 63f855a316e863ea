// The log lines of WebSocket subscriptions through the real gateway and messaging: a connection's opening and
// closing (info) and each subscription's start and end (debug), on both sides, with the same request id.
import { DEMO_ACCOUNTS } from '@threadly/demo-data';
import { createLogger, memoryLogDestination, type LogLine } from '@threadly/logger';
import { serverUnavailableReason } from '@threadly/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubscriptionSupergraph, type SubscriptionSupergraph } from './subscriptions-fixtures/subscription-supergraph.ts';

const { buyer } = DEMO_ACCOUNTS;
const skip = serverUnavailableReason('postgres') ?? serverUnavailableReason('redis');
const logs = memoryLogDestination();
let supergraph: SubscriptionSupergraph;

beforeAll(async () => {
  if (skip) return;
  supergraph = await startSubscriptionSupergraph({ loggerFor: (component) => createLogger(component, 'debug', { destination: logs }) });
}, 180_000);
afterAll(() => supergraph?.close());

/** Waits (bounded) for the lines `matching` finds, and returns them. */
async function linesWhen(matching: (line: LogLine) => boolean, count = 1): Promise<LogLine[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = logs.lines().filter(matching);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(skip)('subscription logs', () => {
  it('logs the connection opening and closing with user, close code, duration and subscription count, and each subscription at debug', async () => {
    const client = await supergraph.connect({ as: buyer.id });
    await client.ready;
    const [opened] = await linesWhen((line) => line.name === 'gateway' && line.msg === 'subscription connection opened' && line.userId === buyer.id);
    const requestId = opened!.requestId as string;
    expect(requestId).toEqual(expect.any(String));

    client.subscribe('inbox', 'subscription Inbox { conversationUpdated { id unreadCount } }', {});
    const ours = (line: LogLine) => line.requestId === requestId;
    await linesWhen((line) => ours(line) && line.name === 'messaging' && line.msg === 'subscription started');
    client.complete('inbox');
    await linesWhen((line) => ours(line) && line.name === 'gateway' && line.msg === 'subscription ended');
    client.close();
    await client.closed;
    await linesWhen((line) => ours(line) && line.name === 'gateway' && line.msg === 'subscription connection closed');
    await linesWhen((line) => ours(line) && line.name === 'messaging' && line.msg === 'subscription connection closed');

    const gateway = logs.lines().filter((line) => ours(line) && line.name === 'gateway');
    expect(gateway.map((line) => line.msg)).toEqual(['subscription connection opened', 'subscription started', 'subscription ended', 'subscription connection closed']);
    expect(gateway[0]).toMatchObject({ level: 30, userId: buyer.id });
    expect(gateway[1]).toMatchObject({ level: 20, operationName: 'Inbox', subscriptionId: 'inbox' });
    expect(gateway[2]).toMatchObject({ level: 20, operationName: 'Inbox', durationMs: expect.any(Number) });
    expect(gateway[3]).toMatchObject({ level: 30, userId: buyer.id, closeCode: 1000, subscriptions: 1, durationMs: expect.any(Number) });

    const messaging = logs.lines().filter((line) => ours(line) && line.name === 'messaging');
    expect(messaging[0]).toMatchObject({ level: 30, msg: 'subscription connection opened', subgraph: 'messaging', userId: buyer.id });
    expect(messaging.find((line) => line.msg === 'subscription started')).toMatchObject({ level: 20, operationName: expect.stringMatching(/^Inbox__messaging__\d+$/) });
    expect(messaging.at(-1)).toMatchObject({ msg: 'subscription connection closed', subscriptions: 1, closeCode: expect.any(Number) });
    expect(logs.text()).not.toContain('Bearer');
  });

  it('logs a refused connection with its close code and error code', async () => {
    const client = await supergraph.connect({ authorization: 'Bearer not-a-session-token' });
    await expect(client.ready).rejects.toThrow();
    const [refused] = await linesWhen((line) => line.name === 'gateway' && line.msg === 'subscription connection refused');
    expect(refused).toMatchObject({ level: 30, userId: 'anonymous', closeCode: 4401, errorCodes: ['UNAUTHENTICATED'] });
    expect(logs.text()).not.toContain('not-a-session-token');
  });
});
