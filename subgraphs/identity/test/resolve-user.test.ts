import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signServiceRequest } from '@threadly/identity-headers';
import { requireServer } from '@threadly/testing';
import { RESOLVE_USER_PATH } from '../src/index.ts';
import { clerkWebhookSender, deletedUserJson } from '@threadly/testing';
import { SECRET, startIdentity, type IdentityHarness } from './support/identity-server.ts';

let identity: IdentityHarness;

beforeAll(async () => {
  identity = await startIdentity();
});
afterAll(async () => {
  await identity?.close();
});

describe('POST /internal/users/resolve (first sign-in)', () => {
  it('creates a new Clerk user once, as a BUYER with a placeholder email and a name from the claims', async () => {
    const first = await identity.resolve({ clerkId: 'user_new1', firstName: 'Ada', lastName: 'Lovelace' });
    expect(first).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), role: 'BUYER', deleted: false });
    const again = await identity.resolve({ clerkId: 'user_new1', firstName: 'Someone', lastName: 'Else' });
    expect(again).toEqual(first);
    const [row, ...more] = await identity.usersWithClerkId('user_new1');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ id: first.userId, email: 'user_new1@users.clerk.invalid', displayName: 'Ada Lovelace', firstName: 'Ada' });
  });

  it('calls a user without a name "New member", and strips markup from names', async () => {
    await identity.resolve({ clerkId: 'user_noname' });
    expect((await identity.usersWithClerkId('user_noname'))[0]?.displayName).toBe('New member');
    await identity.resolve({ clerkId: 'user_markup', firstName: '<img src=x onerror=alert(1)>Eve' });
    expect((await identity.usersWithClerkId('user_markup'))[0]?.displayName).toBe('Eve');
  });

  it('takes a real email from the claims, and replaces the placeholder with it later', async () => {
    await identity.resolve({ clerkId: 'user_mail', email: 'Grace@Example.com' });
    expect((await identity.usersWithClerkId('user_mail'))[0]?.email).toBe('grace@example.com');
    await identity.resolve({ clerkId: 'user_late_mail' });
    await identity.resolve({ clerkId: 'user_late_mail', email: 'late@example.com' });
    expect((await identity.usersWithClerkId('user_late_mail'))[0]?.email).toBe('late@example.com');
  });

  it('keeps the placeholder when another account already holds the email, instead of failing', async () => {
    await identity.resolve({ clerkId: 'user_owner', email: 'shared@example.com' });
    const other = await identity.resolve({ clerkId: 'user_other', email: 'shared@example.com' });
    expect(other.deleted).toBe(false);
    expect((await identity.usersWithClerkId('user_other'))[0]?.email).toBe('user_other@users.clerk.invalid');
  });

  it('answers deleted: true for a deleted account and does not revive it', async () => {
    const { userId } = await identity.resolve({ clerkId: 'user_gone', email: 'gone@example.com' });
    expect((await clerkWebhookSender(identity.webhookUrl)('user.deleted', deletedUserJson('user_gone'))).status).toBe(200);
    expect(await identity.resolve({ clerkId: 'user_gone', email: 'gone@example.com', firstName: 'Back' })).toEqual({ userId, role: 'BUYER', deleted: true });
    expect((await identity.usersWithClerkId('user_gone'))[0]).toMatchObject({ displayName: 'Deleted member', email: `deleted-${userId}@users.clerk.invalid` });
  });

  it('refuses an unsigned, wrongly signed or redirected call with 401 UNAUTHENTICATED', async () => {
    const body = JSON.stringify({ clerkId: 'user_forged' });
    const wrongSecret = signServiceRequest({ method: 'POST', path: RESOLVE_USER_PATH, body }, 'another-secret'.padEnd(48, 'y'));
    const otherPath = signServiceRequest({ method: 'POST', path: '/internal/other', body }, SECRET);
    for (const signature of [undefined, wrongSecret, otherPath]) {
      const { status, body: answer } = await identity.resolveRaw(body, signature);
      expect(status).toBe(401);
      expect(answer.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await identity.usersWithClerkId('user_forged')).toEqual([]);
  });

  it('refuses a body that is not a Clerk user id with 400 BAD_USER_INPUT', async () => {
    for (const claims of [{}, { clerkId: '' }, { clerkId: 'user_1@evil.example' }]) {
      const body = JSON.stringify(claims);
      const { status, body: answer } = await identity.resolveRaw(body, signServiceRequest({ method: 'POST', path: RESOLVE_USER_PATH, body }, SECRET));
      expect(status).toBe(400);
      expect(answer.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});


// Races need concurrent connections: the embedded PGlite fallback has one, so these run against PostgreSQL only.
describe.skipIf(!requireServer('postgres'))('POST /internal/users/resolve under concurrency (PostgreSQL)', () => {
  it('makes exactly one row when twenty first requests of a new user race', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => identity.resolve({ clerkId: 'user_racer', email: 'racer@example.com', firstName: `Racer ${index}` })),
    );
    expect(new Set(results.map((result) => result.userId)).size).toBe(1);
    expect(await identity.usersWithClerkId('user_racer')).toHaveLength(1);
  });

  it('gives the waiting request the committed row when a concurrent transaction creates the user first', async () => {
    const { userId, waiting } = await whileAnotherTransactionInserts({ clerkId: 'user_blocked', email: 'blocked@example.com' }, () =>
      identity.resolve({ clerkId: 'user_blocked', email: 'blocked@example.com' }),
    );
    expect((await waiting).userId).toBe(userId);
    expect(await identity.usersWithClerkId('user_blocked')).toHaveLength(1);
  });

  it('keeps the placeholder, instead of failing, when it loses a race for an email to another account', async () => {
    const { waiting } = await whileAnotherTransactionInserts({ clerkId: 'user_winner', email: 'contested@example.com' }, () =>
      identity.resolve({ clerkId: 'user_loser', email: 'contested@example.com' }),
    );
    expect((await waiting).deleted).toBe(false);
    expect((await identity.usersWithClerkId('user_loser'))[0]?.email).toBe('user_loser@users.clerk.invalid');
  });
});

/**
 * Inserts a user in an open transaction, starts `request`, waits until PostgreSQL shows it blocked on that
 * transaction's row lock, then commits: the request meets a row that did not exist when it started.
 */
async function whileAnotherTransactionInserts<T>(user: { clerkId: string; email: string }, request: () => Promise<T>) {
  const client = await identity.pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO identity."User" (id, "clerkId", email, "displayName", "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'First', now()) RETURNING id::text`,
      [user.clerkId, user.email],
    );
    const waiting = request();
    await waitForLockWait();
    await client.query('COMMIT');
    return { userId: rows[0]!.id, waiting };
  } finally {
    client.release();
  }
}

async function waitForLockWait() {
  for (;;) {
    const { rows } = await identity.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
