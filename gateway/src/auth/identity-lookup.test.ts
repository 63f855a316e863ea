import { ServiceAnswerError } from '@threadly/identity-headers';
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../test/support/refusal.ts';
import { createUserResolver } from './user-resolver.ts';

const ada = { clerkId: 'user_2ada' };
const adaRow = { userId: '0b9f1c1e-7c1a-4a57-9a37-0f6f8f3f4a11', role: 'SELLER', deleted: false };
const UNAVAILABLE = { message: 'Sign-in is temporarily unavailable. Try again in a moment.', code: 'SUBGRAPH_UNAVAILABLE', status: 503 };
const TTL_MS = 60_000;
const STALE_MS = 15 * 60_000;

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/**
 * A resolver on a clock the test moves, in front of a fake identity that answers `answer` until `identity.fail` is
 * set, then throws that; it counts the calls identity received.
 */
function resolverOnClock(options: { staleIfErrorMs?: number; maxEntries?: number } = {}) {
  let clock = 1_000_000;
  const identity: { fail?: () => unknown; answer: unknown; calls: number } = { answer: adaRow, calls: 0 };
  const logs = memoryLogDestination();
  const resolve = createUserResolver({
    url: 'http://identity.invalid/internal/users/resolve',
    secret: 's'.repeat(40),
    logger: createLogger('test', 'info', { destination: logs }),
    ttlMs: TTL_MS,
    staleIfErrorMs: STALE_MS,
    now: () => clock,
    post: async () => {
      identity.calls += 1;
      if (identity.fail) throw identity.fail();
      return identity.answer;
    },
    ...options,
  });
  return { resolve, identity, logs, advance: (ms: number) => void (clock += ms) };
}

describe('stale-if-error: the last known answer while identity cannot be reached', () => {
  it('serves the last answer after the fresh one expired, for each kind of unreachable identity', async () => {
    for (const failure of [refused, timedOut, () => new ServiceAnswerError('/internal/users/resolve', 503)]) {
      const { resolve, identity, advance } = resolverOnClock();
      await resolve(ada);
      identity.fail = failure;
      advance(TTL_MS + 1);
      expect(await resolve(ada), failure().name).toEqual(adaRow);
      expect(identity.calls).toBe(2);
    }
  });

  it('stops at the bound, counted from when identity last answered, not from when it was last served', async () => {
    const { resolve, identity, advance } = resolverOnClock();
    await resolve(ada);
    identity.fail = refused;
    advance(STALE_MS - 1);
    expect(await resolve(ada)).toEqual(adaRow);
    advance(1);
    expect(await refusalOf(resolve(ada))).toEqual(UNAVAILABLE);
  });

  it('asks identity again at most once a second while serving stale, and uses the fresh answer once it is back', async () => {
    const { resolve, identity, advance } = resolverOnClock();
    await resolve(ada);
    identity.fail = refused;
    advance(TTL_MS + 1);
    for (let i = 0; i < 10; i += 1) await resolve(ada);
    expect(identity.calls).toBe(2);
    advance(1001);
    await resolve(ada);
    expect(identity.calls).toBe(3);
    identity.fail = undefined;
    identity.answer = { ...adaRow, role: 'ADMIN' };
    advance(1001);
    expect(await resolve(ada)).toEqual({ ...adaRow, role: 'ADMIN' });
    // And the bound starts again from that answer.
    identity.fail = refused;
    advance(STALE_MS - 1);
    expect((await resolve(ada)).role).toBe('ADMIN');
  });

  it('gives no stale answer for a user identity never answered for', async () => {
    const { resolve, identity } = resolverOnClock();
    identity.fail = refused;
    expect(await refusalOf(resolve(ada))).toEqual(UNAVAILABLE);
  });

  it('gives none when identity answered but refused the call (4xx) or answered nonsense: waiting would not fix those', async () => {
    for (const failure of [() => new ServiceAnswerError('/internal/users/resolve', 401), () => new Error('identity answered nonsense')]) {
      const { resolve, identity, advance } = resolverOnClock();
      await resolve(ada);
      identity.fail = failure;
      advance(TTL_MS + 1);
      expect(await refusalOf(resolve(ada))).toEqual(UNAVAILABLE);
    }
  });

  it('keeps a "deleted" answer deleted: stale answers never let a deleted user in', async () => {
    const { resolve, identity, advance } = resolverOnClock();
    identity.answer = { ...adaRow, deleted: true };
    expect((await refusalOf(resolve(ada)))?.code).toBe('UNAUTHENTICATED');
    identity.fail = refused;
    advance(TTL_MS + 1);
    expect(await refusalOf(resolve(ada))).toEqual({ message: 'This account has been deleted.', code: 'UNAUTHENTICATED', status: 401 });
  });

  it('marks a user announced deleted in both the fresh and the last known answers', async () => {
    const { resolve, identity, advance } = resolverOnClock();
    await resolve(ada);
    expect(resolve.forgetDeletedUser('7d1b4f5e-0000-4000-8000-000000000000')).toBe(0);
    expect(resolve.forgetDeletedUser(adaRow.userId)).toBe(2);
    // Fresh answer dropped: identity is asked, and while it is down the last known answer says deleted.
    identity.fail = refused;
    expect(await refusalOf(resolve(ada))).toEqual({ message: 'This account has been deleted.', code: 'UNAUTHENTICATED', status: 401 });
    advance(TTL_MS + 1);
    expect((await refusalOf(resolve(ada)))?.code).toBe('UNAUTHENTICATED');
  });

  it('is off with a bound of 0: identity unreachable means 503 once the fresh answer expired', async () => {
    const { resolve, identity, advance } = resolverOnClock({ staleIfErrorMs: 0 });
    await resolve(ada);
    identity.fail = refused;
    advance(TTL_MS + 1);
    expect(await refusalOf(resolve(ada))).toEqual(UNAVAILABLE);
  });

  it('keeps at most maxEntries last known answers, dropping the least recently used', async () => {
    const { resolve, identity, advance } = resolverOnClock({ maxEntries: 2 });
    const users = ['user_a', 'user_b', 'user_c'].map((clerkId) => ({ clerkId }));
    for (const user of users) await resolve(user);
    identity.fail = refused;
    advance(TTL_MS + 1);
    expect(await refusalOf(resolve(users[0]!))).toEqual(UNAVAILABLE);
    expect(await resolve(users[2]!)).toEqual(adaRow);
  });

  it('logs the outage at most once per 30 s, counting the failed attempts it did not log', async () => {
    const { resolve, identity, logs, advance } = resolverOnClock();
    await resolve(ada);
    identity.fail = refused;
    advance(TTL_MS + 1);
    for (let i = 0; i < 20; i += 1) {
      await resolve(ada);
      advance(1001);
    }
    const stale = logs.lines().filter((line) => /serving the last known answer for a signed-in user/.test(line.msg ?? ''));
    expect(stale.map((line) => line.suppressedSinceLastLog)).toEqual([0]);
    advance(30_000);
    await resolve(ada);
    expect(logs.lines().filter((line) => /serving the last known/.test(line.msg ?? '')).map((line) => line.suppressedSinceLastLog)).toEqual([0, 19]);
    expect(logs.text()).not.toMatch(/eyJ|Bearer/);
  });
});
