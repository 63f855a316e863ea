import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { signViewer } from '@threadly/identity-headers';
import { findDemoUser } from '../../src/auth/development-users.ts';
import { readDevelopmentPrivateKey, readDevelopmentPublicKey, DEVELOPMENT_CLERK_ISSUER } from '../../src/auth/development-keys.ts';
import { signDevelopmentSessionToken, DEVELOPMENT_TOKEN_AZP } from '../../src/auth/dev-token.ts';
import { TEST_IDENTITY_SECRET } from '../support/test-supergraph.ts';
import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, refused, type HostileCase } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const QUERY = '{ categories { id } }';
const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header and claims; `signature` gets the signing input (`header.payload`). */
function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, signature: (input: string) => string) {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${signature(input)}`;
}

const rs256 = (privateKey: string) => (input: string) => sign('sha256', Buffer.from(input), privateKey).toString('base64url');

const withBearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Forged, expired, misdirected and malformed credentials: every one must be UNAUTHENTICATED (never served as
 * anonymous), and a client's own x-threadly-viewer header must never reach a subgraph.
 */
export function tokenCases(seed = 0x70c3): HostileCase[] {
  const random = seededRandom(seed);
  const buyer = findDemoUser('buyer')!;
  const now = Date.now();
  const claims = { sub: buyer.clerkId, sid: 'sess_forged', azp: DEVELOPMENT_TOKEN_AZP, iss: DEVELOPMENT_CLERK_ISSUER, iat: Math.floor(now / 1000), nbf: Math.floor(now / 1000) - 10, exp: Math.floor(now / 1000) + 3600, v: 2 };
  const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const devKey = readDevelopmentPrivateKey();
  const valid = signDevelopmentSessionToken(buyer);
  const [validHeader, validPayload, validSignature] = valid.split('.');
  const garbage = Array.from({ length: 6 }, (_, i) => random.string(random.int(1, 400 * (i + 1)), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/='));
  const unauthorized = (name: string, headers: Record<string, string>) => hostileCase(name, postGraphQL(QUERY, undefined, headers), refused.unauthenticated);
  return [
    ...garbage.map((token, i) => unauthorized(`a garbage Bearer value #${i + 1} (${token.length} characters)`, withBearer(token))),
    unauthorized('an alg: none token', withBearer(jwt({ alg: 'none', typ: 'JWT' }, claims, () => ''))),
    unauthorized('an alg: none token with a signature', withBearer(jwt({ alg: 'none', typ: 'JWT' }, claims, () => 'c2lnbmF0dXJl'))),
    unauthorized('an HS256 token signed with the public key as the secret', withBearer(jwt({ alg: 'HS256', typ: 'JWT' }, claims, (input) => createHmac('sha256', readDevelopmentPublicKey()).update(input).digest('base64url')))),
    unauthorized('an RS256 token signed by another RSA key', withBearer(jwt({ alg: 'RS256', typ: 'JWT', kid: 'ins_threadly_development' }, claims, rs256(attackerKey)))),
    unauthorized('a token from another key announcing its own JWK', withBearer(jwt({ alg: 'RS256', typ: 'JWT', jku: 'https://evil.example/jwks.json', kid: 'evil' }, claims, rs256(attackerKey)))),
    unauthorized('an RS512 header on an RS256 signature', withBearer(jwt({ alg: 'RS512', typ: 'JWT' }, claims, rs256(devKey)))),
    unauthorized('claims changed after signing (another user)', withBearer(`${validHeader}.${base64url({ ...claims, sub: findDemoUser('admin')!.clerkId })}.${validSignature}`)),
    unauthorized('a signature with one character changed', withBearer(`${validHeader}.${validPayload}.${validSignature!.slice(0, -2)}${validSignature!.endsWith('A') ? 'B' : 'A'}A`)),
    unauthorized('a token without a signature', withBearer(`${validHeader}.${validPayload}.`)),
    unauthorized('a token with four parts', withBearer(`${valid}.${validSignature}`)),
    unauthorized('an expired token', withBearer(signDevelopmentSessionToken(buyer, { now: now - 2 * 3600_000 }))),
    unauthorized('a token expired beyond the allowed clock skew', withBearer(signDevelopmentSessionToken(buyer, { now: now - 3600_000 - 30_000 }))),
    unauthorized('a token not valid yet', withBearer(signDevelopmentSessionToken(buyer, { notBefore: now + 3600_000 }))),
    unauthorized('a token issued in the future', withBearer(signDevelopmentSessionToken(buyer, { now: now + 3600_000 }))),
    unauthorized('a token for another application (azp)', withBearer(signDevelopmentSessionToken(buyer, { azp: 'https://evil.example' }))),
    unauthorized('a signed token without azp', withBearer(jwt({ alg: 'RS256', typ: 'JWT' }, { ...claims, azp: undefined }, rs256(devKey)))),
    unauthorized('a token for a look-alike origin (azp)', withBearer(signDevelopmentSessionToken(buyer, { azp: 'http://localhost:4000.evil.example' }))),
    unauthorized('a signed token whose subject is SQL', withBearer(jwt({ alg: 'RS256', typ: 'JWT' }, { ...claims, sub: "user_1' OR '1'='1" }, rs256(devKey)))),
    unauthorized('a signed token without a subject', withBearer(jwt({ alg: 'RS256', typ: 'JWT' }, { ...claims, sub: undefined }, rs256(devKey)))),
    unauthorized('a signed token whose subject is an object', withBearer(jwt({ alg: 'RS256', typ: 'JWT' }, { ...claims, sub: { id: buyer.clerkId } }, rs256(devKey)))),
    unauthorized('a JWT whose header is not JSON', withBearer(`${base64url('not json')}.${validPayload}.${validSignature}`)),
    unauthorized('Basic credentials', { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }),
    unauthorized('a Digest scheme', { authorization: 'Digest username="admin", realm="threadly", response="x"' }),
    unauthorized('a token with no scheme', { authorization: valid }),
    unauthorized('Bearer with nothing after it', { authorization: 'Bearer' }),
    unauthorized('Bearer followed by two tokens', { authorization: `Bearer ${valid} ${valid}` }),
    unauthorized('an empty Authorization header', { authorization: '' }),
    unauthorized('a 12 kB Authorization header', withBearer(`${valid}${'A'.repeat(12_000)}`)),
    hostileCase('a 40 kB Authorization header', postGraphQL(QUERY, undefined, withBearer('A'.repeat(40_000))), { status: 431, answeredBy: 'http-parser' }),
    ...forgedViewerCases(),
  ];
}

/**
 * The gateway builds every subgraph request itself and never forwards a client's x-threadly-viewer, even one
 * signed with the real secret: these must stay anonymous (or stay the token's own user).
 */
function forgedViewerCases(): HostileCase[] {
  const admin = { userId: findDemoUser('admin')!.id, role: 'ADMIN' as const };
  const forgeries: Array<[string, string]> = [
    ['signed with the real secret', signViewer(admin, TEST_IDENTITY_SECRET)],
    ['signed with a guessed secret', signViewer(admin, 'development-identity-header-secret'.padEnd(48, '-'))],
    ['as plain JSON', JSON.stringify(admin)],
  ];
  return [
    ...forgeries.map(([how, header]) => hostileCase(`a forged x-threadly-viewer ${how}, anonymous, reading a cart`, postGraphQL('{ myCart { id itemCount } }', undefined, { 'x-threadly-viewer': header }), refused.signInRequired)),
    hostileCase('a forged admin x-threadly-viewer beside a buyer’s token', postGraphQL(`{ user(id: "${demoIds.seller}") { orders(first: 1) { edges { cursor } } } }`, undefined, { ...signedInAs('buyer'), 'x-threadly-viewer': forgeries[0]![1] }), refused.forbidden),
    hostileCase('a forged x-threadly-viewer, anonymous, updating a profile', postGraphQL('mutation { updateProfile(input: { bio: "pwned" }) { id } }', undefined, { 'x-threadly-viewer': forgeries[0]![1] }), refused.signInRequired),
  ];
}
