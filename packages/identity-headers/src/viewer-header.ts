import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header the gateway puts the verified viewer in; subgraphs trust nothing else about who is asking. */
export const VIEWER_HEADER = 'x-threadly-viewer';
export const REQUEST_ID_HEADER = 'x-request-id';

export type ViewerRole = 'BUYER' | 'SELLER' | 'ADMIN';

export interface Viewer {
  /** The identity database's user id (never the Clerk id). */
  userId: string;
  role: ViewerRole;
}

interface SignedPayload extends Viewer {
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const VERSION = 'v1';

function hmac(secret: string, body: string) {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url');
}

/**
 * `v1.<base64url JSON>.<HMAC-SHA256>`: small enough for a header, and short-lived so a leaked header from a
 * log cannot be replayed for long. The subgraph never sees the client's own token.
 */
export function signViewer(viewer: Viewer, secret: string, ttlSeconds = 60, now = Date.now()): string {
  const payload: SignedPayload = { userId: viewer.userId, role: viewer.role, exp: Math.floor(now / 1000) + ttlSeconds };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${VERSION}.${body}.${hmac(secret, body)}`;
}

export type ViewerVerification =
  | { status: 'anonymous' }
  | { status: 'valid'; viewer: Viewer }
  | { status: 'invalid'; reason: string };

/** Verifies a header signed by `signViewer`. A missing header is anonymous; a present but bad one is invalid. */
export function verifyViewer(header: string | undefined, secret: string, now = Date.now()): ViewerVerification {
  if (!header) return { status: 'anonymous' };
  const [version, body, signature] = header.split('.');
  if (version !== VERSION || !body || !signature) return { status: 'invalid', reason: 'malformed viewer header' };
  const expected = Buffer.from(hmac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { status: 'invalid', reason: 'viewer header signature does not match' };
  }
  let payload: Partial<SignedPayload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SignedPayload>;
  } catch {
    return { status: 'invalid', reason: 'viewer header body is not JSON' };
  }
  if (typeof payload.userId !== 'string' || typeof payload.exp !== 'number' || !isRole(payload.role)) {
    return { status: 'invalid', reason: 'viewer header body is incomplete' };
  }
  if (payload.exp * 1000 < now) return { status: 'invalid', reason: 'viewer header has expired' };
  return { status: 'valid', viewer: { userId: payload.userId, role: payload.role } };
}

function isRole(value: unknown): value is ViewerRole {
  return value === 'BUYER' || value === 'SELLER' || value === 'ADMIN';
}
