import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '@threadly/testing';
import { clerkUserJson, clerkWebhookSender, deletedUserJson } from '@threadly/testing';
import { startIdentity, type IdentityHarness } from './support/identity-server.ts';

let identity: IdentityHarness;
let send: ReturnType<typeof clerkWebhookSender>;

beforeAll(async () => {
  identity = await startIdentity();
  send = clerkWebhookSender(identity.webhookUrl);
});
afterAll(async () => {
  await identity?.close();
});

const userOf = async (clerkId: string) => (await identity.usersWithClerkId(clerkId))[0];
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('POST /webhooks/clerk: keeping users in step with Clerk', () => {
  it('user.created makes a BUYER with the real email, names and image', async () => {
    const delivery = await send('user.created', clerkUserJson({ clerkId: 'user_ada', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', imageUrl: 'https://img.clerk.com/ada.png' }));
    expect(delivery).toMatchObject({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await userOf('user_ada')).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      imageUrl: 'https://img.clerk.com/ada.png',
      role: 'BUYER',
      deletedAt: null,
    });
    expect(await identity.processed(delivery.id)).toEqual([{ type: 'user.created' }]);
  });

  it('user.updated brings the new profile and the real email to a user first seen at sign-in', async () => {
    const { userId } = await identity.resolve({ clerkId: 'user_signed_in' });
    await send('user.updated', clerkUserJson({ clerkId: 'user_signed_in', email: 'real@example.com', firstName: 'Grace', lastName: 'Hopper' }));
    expect(await userOf('user_signed_in')).toMatchObject({ id: userId, email: 'real@example.com', displayName: 'Grace Hopper', firstName: 'Grace' });
    await send('user.updated', clerkUserJson({ clerkId: 'user_signed_in', email: 'real@example.com', firstName: 'Grace', lastName: 'Brewster Hopper' }));
    expect((await userOf('user_signed_in'))?.displayName).toBe('Grace Brewster Hopper');
    // Each change is announced with the fields it changed, committed with it; a redelivery announces nothing.
    const unchanged = await send('user.updated', clerkUserJson({ clerkId: 'user_signed_in', email: 'real@example.com', firstName: 'Grace', lastName: 'Brewster Hopper' }));
    expect(unchanged.body.outcome).toBe('applied');
    expect(await identity.outboxEventsOf(userId)).toEqual([
      { type: 'user.updated', payload: { userId, changedFields: ['email', 'displayName', 'firstName', 'lastName', 'imageUrl'] } },
      { type: 'user.updated', payload: { userId, changedFields: ['displayName', 'lastName'] } },
    ]);
  });

  it('keeps a display name the member chose themself', async () => {
    await send('user.created', clerkUserJson({ clerkId: 'user_nick', email: 'nick@example.com', firstName: 'Nicolas' }));
    await identity.pool.query(`UPDATE identity."User" SET "displayName" = 'Vintage Nick' WHERE "clerkId" = 'user_nick'`);
    await send('user.updated', clerkUserJson({ clerkId: 'user_nick', email: 'nick@example.com', firstName: 'Nico' }));
    expect(await userOf('user_nick')).toMatchObject({ displayName: 'Vintage Nick', firstName: 'Nico' });
  });

  it('creates the user from a user.updated that arrives before its user.created', async () => {
    const update = await send('user.updated', clerkUserJson({ clerkId: 'user_early', email: 'early@example.com', firstName: 'Later' }));
    expect(update.body.outcome).toBe('applied');
    const created = await send('user.created', clerkUserJson({ clerkId: 'user_early', email: 'early@example.com', firstName: 'Earlier' }));
    expect(created.status).toBe(200);
    expect(await identity.usersWithClerkId('user_early')).toHaveLength(1);
    expect(await userOf('user_early')).toMatchObject({ email: 'early@example.com', role: 'BUYER' });
  });

  it('keeps the placeholder email when another account holds the address, and still answers 200', async () => {
    await send('user.created', clerkUserJson({ clerkId: 'user_first_owner', email: 'taken@example.com' }));
    const delivery = await send('user.created', clerkUserJson({ clerkId: 'user_second', email: 'taken@example.com', firstName: 'Second' }));
    expect(delivery.status).toBe(200);
    expect(await userOf('user_second')).toMatchObject({ email: 'user_second@users.clerk.invalid', displayName: 'Second' });
  });

  it('applies a redelivered svix-id only once', async () => {
    const first = await send('user.created', clerkUserJson({ clerkId: 'user_twice', email: 'twice@example.com', firstName: 'Once' }));
    await identity.pool.query(`UPDATE identity."User" SET "firstName" = 'Changed since' WHERE "clerkId" = 'user_twice'`);
    const replay = await send('user.created', clerkUserJson({ clerkId: 'user_twice', email: 'twice@example.com', firstName: 'Once' }), { id: first.id });
    expect(replay).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect((await userOf('user_twice'))?.firstName).toBe('Changed since');
  });

  it('answers 200 to event types it does not use, and records them', async () => {
    const delivery = await send('session.created', { object: 'session', id: 'sess_1', user_id: 'user_ada' });
    expect(delivery).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    expect(await identity.processed(delivery.id)).toEqual([{ type: 'session.created' }]);
  });
});

describe('POST /webhooks/clerk: refusing forged and replayed deliveries', () => {
  const mallory = () => clerkUserJson({ clerkId: 'user_mallory', email: 'mallory@example.com', firstName: 'Mallory' });

  it.each([
    ['signed with another secret', { secret: 'whsec_' + Buffer.from('someone-else-entirely-other-key').toString('base64') }],
    ['with a garbage signature', { signature: 'v1,bm90LWEtc2lnbmF0dXJl' }],
    ['signed six minutes ago (a replay after the tolerance)', { at: minutesAgo(6) }],
    ['dated six minutes ahead', { at: minutesAgo(-6) }],
  ])('refuses a delivery %s with 400 and changes nothing', async (_case, options) => {
    const delivery = await send('user.created', mallory(), options);
    expect(delivery.status).toBe(400);
    expect(delivery.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(await identity.usersWithClerkId('user_mallory')).toEqual([]);
    expect(await identity.processed(delivery.id)).toEqual([]);
  });

  it('refuses a delivery without the svix headers', async () => {
    const response = await fetch(identity.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'user.created', data: mallory() }) });
    expect(response.status).toBe(400);
    expect(await identity.usersWithClerkId('user_mallory')).toEqual([]);
  });

  it('accepts a signature four minutes old', async () => {
    expect((await send('user.created', clerkUserJson({ clerkId: 'user_slow', email: 'slow@example.com' }), { at: minutesAgo(4) })).status).toBe(200);
  });
});

describe('POST /webhooks/clerk: user.deleted', () => {
  it('anonymises the profile, keeps the row and writes user.deleted (for catalog) in the same transaction', async () => {
    await send('user.created', clerkUserJson({ clerkId: 'user_leaving', email: 'leaving@example.com', firstName: 'Lea', lastName: 'Ving', imageUrl: 'https://img.clerk.com/lea.png' }));
    await identity.pool.query(`UPDATE identity."User" SET bio = 'Vintage denim', location = 'Lyon', role = 'SELLER' WHERE "clerkId" = 'user_leaving'`);
    const { id: userId } = (await userOf('user_leaving'))!;
    const delivery = await send('user.deleted', deletedUserJson('user_leaving'));
    expect(delivery).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    expect(await userOf('user_leaving')).toMatchObject({
      id: userId,
      displayName: 'Deleted member',
      email: `deleted-${userId}@users.clerk.invalid`,
      firstName: null,
      lastName: null,
      bio: null,
      location: null,
      imageUrl: null,
      deletedAt: expect.any(Date),
    });
    expect((await identity.outboxEventsOf(userId)).filter((event) => event.type === 'user.deleted')).toEqual([
      { type: 'user.deleted', payload: { userId } },
    ]);
  });

  it('ignores later profile events for the deleted user, in any order', async () => {
    const update = await send('user.updated', clerkUserJson({ clerkId: 'user_leaving', email: 'leaving@example.com', firstName: 'Lea' }));
    expect(update).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    expect(await userOf('user_leaving')).toMatchObject({ displayName: 'Deleted member', firstName: null, deletedAt: expect.any(Date) });
  });

  it('leaves a deleted tombstone for an account it never saw, so a late user.created cannot create it', async () => {
    await send('user.deleted', deletedUserJson('user_never_seen'));
    await send('user.created', clerkUserJson({ clerkId: 'user_never_seen', email: 'ghost@example.com', firstName: 'Ghost' }));
    expect(await identity.usersWithClerkId('user_never_seen')).toEqual([
      expect.objectContaining({ displayName: 'Deleted member', firstName: null, deletedAt: expect.any(Date) }),
    ]);
    expect((await identity.resolve({ clerkId: 'user_never_seen' })).deleted).toBe(true);
  });

  it('answers a redelivery of the deletion as a duplicate, announcing nothing twice', async () => {
    await send('user.created', clerkUserJson({ clerkId: 'user_retry', email: 'retry@example.com', firstName: 'Rita' }));
    const { id: userId } = (await userOf('user_retry'))!;
    const first = await send('user.deleted', deletedUserJson('user_retry'));
    expect(first).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    const deletedAt = (await userOf('user_retry'))?.deletedAt;
    expect(await send('user.deleted', deletedUserJson('user_retry'), { id: first.id })).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect((await userOf('user_retry'))?.deletedAt).toEqual(deletedAt);
    expect((await identity.outboxEventsOf(userId)).map((event) => event.type)).toEqual(['user.deleted']);
  });
});

describe.skipIf(!requireServer('postgres'))('POST /webhooks/clerk: concurrent redeliveries (PostgreSQL)', () => {
  it('applies one of five simultaneous deliveries of the same svix-id; the others are duplicates', async () => {
    const payload = clerkUserJson({ clerkId: 'user_burst', email: 'burst@example.com', firstName: 'Burst' });
    const id = 'msg_burst';
    const deliveries = await Promise.all(Array.from({ length: 5 }, () => send('user.created', payload, { id })));
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200, 200]);
    expect(deliveries.map((delivery) => delivery.body.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await identity.usersWithClerkId('user_burst')).toHaveLength(1);
  });
});
