import { randomBytes, sign } from 'node:crypto';
import { DEVELOPMENT_CLERK_ISSUER, readDevelopmentPrivateKey } from './development-keys.ts';

/** Who a development token is for: the Clerk user id and the profile claims Threadly adds to session tokens. */
export interface DevelopmentTokenSubject {
  clerkId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  imageUrl?: string;
}

export interface DevelopmentTokenOptions {
  /** Lifetime in seconds (default one hour). */
  ttlSeconds?: number;
  /** The origin the token was issued for; the gateway accepts only its configured authorized parties. */
  azp?: string;
  /** Issue time in ms since the epoch (default now); set in the past to mint an expired token. */
  now?: number;
  /** `nbf` in ms since the epoch (default 10 s before `now`, as Clerk does). */
  notBefore?: number;
  /** PEM (PKCS #8) private key; defaults to the committed development key. */
  privateKey?: string;
  issuer?: string;
}

/** Apollo Sandbox on the gateway's own origin, where people paste development tokens. */
export const DEVELOPMENT_TOKEN_AZP = 'http://localhost:4000';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A session token in Clerk's shape (RS256; `sub`, `sid`, `azp`, `iss`, `iat`, `nbf`, `exp`, `v: 2`, plus the custom
 * profile claims), signed with the development key unless told otherwise. Signed with node:crypto rather than
 * @clerk/backend's internal `signJwt`, which overwrites `iat` with the wall clock and so cannot mint the expired
 * or not-yet-valid tokens the tests need.
 */
export function signDevelopmentSessionToken(subject: DevelopmentTokenSubject, options: DevelopmentTokenOptions = {}): string {
  const now = options.now ?? Date.now();
  const header = { alg: 'RS256', typ: 'JWT', kid: 'ins_threadly_development' };
  const payload = {
    sub: subject.clerkId,
    sid: `sess_dev_${randomBytes(12).toString('hex')}`,
    azp: options.azp ?? DEVELOPMENT_TOKEN_AZP,
    iss: options.issuer ?? DEVELOPMENT_CLERK_ISSUER,
    iat: seconds(now),
    nbf: seconds(options.notBefore ?? now - 10_000),
    exp: seconds(now) + (options.ttlSeconds ?? 3600),
    v: 2,
    ...(subject.email ? { email: subject.email } : {}),
    ...(subject.firstName ? { first_name: subject.firstName } : {}),
    ...(subject.lastName ? { last_name: subject.lastName } : {}),
    ...(subject.imageUrl ? { image_url: subject.imageUrl } : {}),
  };
  const signed = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(signed), options.privateKey ?? readDevelopmentPrivateKey()).toString('base64url');
  return `${signed}.${signature}`;
}
