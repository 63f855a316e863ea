import { createHmac } from 'node:crypto';
import { DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET } from '@threadly/config';
import { findDemoUser } from '../../src/auth/development-users.ts';
import { hostileCase, refused, type HostileCase, type HostileRequest } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const PATH = '/webhooks/clerk';

/** Svix's scheme: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret after `whsec_`. */
function svixSignature(secret: string, id: string, timestamp: number, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const delivery = (body: string, svix: Record<string, string>): HostileRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...svix },
  body,
  path: PATH,
});

/**
 * Forged Clerk webhook deliveries at the gateway's public `/webhooks/clerk` (forwarded to identity): without
 * Clerk's signature, fresh, over these exact bytes, nothing may change — above all no user may be deleted.
 */
export function webhookCases(seed = 0x5b1c): HostileCase[] {
  const random = seededRandom(seed);
  const admin = findDemoUser('admin')!;
  const now = Math.floor(Date.now() / 1000);
  const deleteAdmin = JSON.stringify({ type: 'user.deleted', object: 'event', data: { object: 'user', id: admin.clerkId, deleted: true } });
  const signed = (secret: string, timestamp: number, body = deleteAdmin, id = `msg_${random.string(20)}`) => ({
    'svix-id': id,
    'svix-timestamp': String(timestamp),
    'svix-signature': svixSignature(secret, id, timestamp, body),
  });
  const rejected = (name: string, request: HostileRequest) => hostileCase(name, request, refused.badRequest);
  const attackerSecret = `whsec_${Buffer.from(random.string(32)).toString('base64')}`;
  return [
    rejected('a user.deleted delivery without Svix headers', delivery(deleteAdmin, {})),
    rejected('a user.deleted delivery with a garbage signature', delivery(deleteAdmin, { 'svix-id': 'msg_1', 'svix-timestamp': String(now), 'svix-signature': `v1,${random.string(44)}` })),
    rejected('a user.deleted delivery signed with another secret', delivery(deleteAdmin, signed(attackerSecret, now))),
    rejected('a correctly signed delivery an hour old (replay)', delivery(deleteAdmin, signed(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, now - 3600))),
    rejected('a correctly signed delivery from an hour in the future', delivery(deleteAdmin, signed(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, now + 3600))),
    rejected('a signature over another body', delivery(deleteAdmin, signed(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, now, '{"type":"user.updated"}'))),
    rejected('a signature with an unknown scheme version', delivery(deleteAdmin, { ...signed(DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET, now), 'svix-signature': 'v9,AAAA' })),
    rejected('a timestamp that is not a number', delivery(deleteAdmin, { 'svix-id': 'msg_2', 'svix-timestamp': 'yesterday', 'svix-signature': 'v1,AAAA' })),
    rejected('an svix-id that is SQL, with a forged signature', delivery(deleteAdmin, { ...signed(attackerSecret, now), 'svix-id': "msg'; DELETE FROM identity.\"User\" --" })),
    rejected('invalid JSON with a forged signature', delivery('{"type":"user.deleted",', signed(attackerSecret, now, '{"type":"user.deleted",'))),
    hostileCase('a 300 kB webhook body', delivery(`{"pad":"${'x'.repeat(300_000)}"}`, signed(attackerSecret, now)), refused.tooLarge),
    hostileCase('a GET of the webhook route', { method: 'GET', headers: {}, body: '', path: PATH }, { status: 405, code: 'BAD_REQUEST' }),
  ];
}
