import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';
import { memoryLogDestination } from './memory-log-destination.ts';
import { subscriptionConnectionLog } from './subscription-connection-log.ts';

const start = (level: string) => {
  const destination = memoryLogDestination();
  const log = subscriptionConnectionLog(createLogger('gateway', level, { destination }), { requestId: 'conn-1', userId: 'user-1' });
  return { log, destination };
};

describe('subscriptionConnectionLog', () => {
  it('opens and closes at info, counting subscriptions; each start, end and refusal at debug', () => {
    const { log, destination } = start('debug');
    log.subscriptionStarted('1', 'Inbox');
    log.subscriptionEnded('1');
    log.subscriptionEnded('2', { errors: [{ extensions: { code: 'FORBIDDEN' } }], operationName: 'Order' });
    log.subscriptionStarted('3', 'not a name!');
    log.closed(1000);
    log.closed(1006);
    const lines = destination.lines();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, 'subscription connection opened'],
      [20, 'subscription started'],
      [20, 'subscription ended'],
      [20, 'subscription refused'],
      [20, 'subscription started'],
      [30, 'subscription connection closed'],
    ]);
    for (const line of lines) expect(line).toMatchObject({ requestId: 'conn-1', userId: 'user-1' });
    expect(lines[2]).toMatchObject({ operationName: 'Inbox', durationMs: expect.any(Number) });
    expect(lines[3]).toMatchObject({ operationName: 'Order', errorCodes: ['FORBIDDEN'] });
    expect(lines[4]).not.toHaveProperty('operationName');
    expect(lines[5]).toMatchObject({ closeCode: 1000, subscriptions: 2, durationMs: expect.any(Number) });
  });

  it('at info, writes only the connection lines', () => {
    const { log, destination } = start('info');
    log.subscriptionStarted('1', 'Inbox');
    log.subscriptionEnded('1');
    log.closed(4401);
    expect(destination.lines().map((line) => line.msg)).toEqual(['subscription connection opened', 'subscription connection closed']);
  });
});
