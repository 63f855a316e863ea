import { createLogger } from '@threadly/logger';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../test/support/refusal.ts';
import { createUserResolver } from './user-resolver.ts';

const ada = { clerkId: 'user_2ada', email: 'ada@example.com' };
const adaRow = { userId: '0b9f1c1e-7c1a-4a57-9a37-0f6f8f3f4a11', role: 'SELLER', deleted: false };

/** A resolver in front of a fake identity route that answers `answer` and counts its calls. */
function resolverWith(answer: (body: unknown) => Promise<unknown>, options: { ttlMs?: number } = {}) {
  const calls: unknown[] = [];
  const resolve = createUserResolver({
    url: 'http://identity.invalid/internal/users/resolve',
    secret: 's'.repeat(40),
    logger: createLogger('test', 'silent'),
    post: async (_url, body) => {
      calls.push(body);
      return answer(body);
    },
    ...options,
  });
  return { resolve, calls };
}

describe('resolving a Clerk user to the database user', () => {
  it('sends the token claims to identity and returns its user', async () => {
    const { resolve, calls } = resolverWith(async () => adaRow);
    expect(await resolve(ada)).toEqual(adaRow);
    expect(calls).toEqual([ada]);
  });

  it('asks identity once for ten concurrent first requests of the same user, and remembers the answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { resolve, calls } = resolverWith(async () => {
      await gate;
      return adaRow;
    });
    const pending = Array.from({ length: 10 }, () => resolve(ada));
    release();
    expect(new Set((await Promise.all(pending)).map((user) => user.userId))).toEqual(new Set([adaRow.userId]));
    await resolve(ada);
    expect(calls).toHaveLength(1);
  });

  it('asks again once the cached answer is older than its time to live', async () => {
    const { resolve, calls } = resolverWith(async () => adaRow, { ttlMs: 1 });
    await resolve(ada);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await resolve(ada);
    expect(calls).toHaveLength(2);
  });

  it('refuses a deleted account with UNAUTHENTICATED', async () => {
    const { resolve } = resolverWith(async () => ({ ...adaRow, deleted: true }));
    expect(await refusalOf(resolve(ada))).toEqual({ message: 'This account has been deleted.', code: 'UNAUTHENTICATED', status: 401 });
  });

  it('answers 503 SUBGRAPH_UNAVAILABLE, naming no address, when identity is down or answers nonsense', async () => {
    const down = resolverWith(async () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.7:4001');
    });
    const expected = { message: 'Sign-in is temporarily unavailable. Try again in a moment.', code: 'SUBGRAPH_UNAVAILABLE', status: 503 };
    expect(await refusalOf(down.resolve(ada))).toEqual(expected);
    const nonsense = resolverWith(async () => ({ id: 'x' }));
    expect(await refusalOf(nonsense.resolve(ada))).toEqual(expected);
  });

  it('does not remember a failure: the next request asks identity again', async () => {
    let up = false;
    const { resolve, calls } = resolverWith(async () => {
      if (!up) throw new Error('identity restarting');
      return adaRow;
    });
    await refusalOf(resolve(ada));
    up = true;
    expect(await resolve(ada)).toEqual(adaRow);
    expect(calls).toHaveLength(2);
  });
});
