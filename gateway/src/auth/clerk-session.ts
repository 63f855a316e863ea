import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { verifyToken } from '@clerk/backend';
import { TokenVerificationError, TokenVerificationErrorReason as Reason } from '@clerk/backend/errors';
import { domainError } from '@threadly/errors';
import { z } from 'zod';

export interface ClerkSessionOptions {
  /** PEM public key of the Clerk instance: verification needs no network call. */
  jwtKey: string;
  /** Accepted `azp` origins. */
  authorizedParties: string[];
  clockSkewMs: number;
  /** Required `iss`, when configured. */
  issuer?: string | undefined;
}

/** The verified Clerk user and the profile claims Threadly adds to its session tokens (all optional). */
export interface ClerkSessionClaims {
  clerkId: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  imageUrl?: string | undefined;
}

/** 401 with `WWW-Authenticate`, as RFC 6750 asks of a bearer-token API: the client should sign in again. */
export const sessionRejected = (message: string) =>
  domainError('UNAUTHENTICATED', message, {
    http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]) },
  });

const REJECTION_MESSAGES: Record<string, string> = {
  [Reason.TokenExpired]: 'Session token has expired. Sign in again to get a new one.',
  [Reason.TokenNotActiveYet]: 'Session token is not valid yet (its nbf is in the future); check the clock of the issuing machine.',
  [Reason.TokenIatInTheFuture]: 'Session token was issued in the future; check the clock of the issuing machine.',
  [Reason.TokenInvalidSignature]: 'Session token signature does not verify: it was not signed by this Clerk instance.',
  [Reason.TokenInvalidAuthorizedParties]: 'Session token was issued for another application: its azp is not an authorized party.',
  [Reason.TokenInvalidIssuer]: 'Session token was issued by another Clerk instance.',
  [Reason.TokenInvalid]: 'Session token is malformed: expected a Clerk session JWT.',
  [Reason.TokenInvalidAlgorithm]: 'Session token is signed with an unsupported algorithm.',
};

/**
 * The token of `Authorization: Bearer <token>`, or null when there is no Authorization header (an anonymous
 * request). Any other Authorization header is a client mistake worth a 401, not a silent downgrade to anonymous.
 */
export function bearerTokenOf(req: Pick<IncomingMessage, 'headers'>): string | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match?.[1]) throw sessionRejected('The Authorization header must be "Bearer <Clerk session token>".');
  return match[1];
}

/** Clerk user ids are `user_` plus base62; identity refuses anything else. */
const CLERK_USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

// Profile claims come from the Clerk session-token template; a claim that is missing or malformed is left out
// rather than failing sign-in, since the user is identified by `sub` alone.
const optionalText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const profileClaims = z.object({
  email: z.email().max(320).optional().catch(undefined),
  first_name: optionalText(100),
  last_name: optionalText(100),
  image_url: z.url({ protocol: /^https?$/ }).max(2048).optional().catch(undefined),
});

/**
 * Verifies a Clerk session token networklessly: signature against the configured key, `exp`/`nbf`/`iat` within the
 * bounded clock skew, `azp` among the authorized parties, `iss` when configured. Every failure is UNAUTHENTICATED
 * with a message saying what was wrong.
 */
export async function verifyClerkSession(token: string, options: ClerkSessionOptions): Promise<ClerkSessionClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = await verifyToken(token, {
      jwtKey: options.jwtKey,
      authorizedParties: options.authorizedParties,
      clockSkewInMs: options.clockSkewMs,
      ...(options.issuer ? { issuer: options.issuer } : {}),
    });
  } catch (error) {
    const reason = error instanceof TokenVerificationError ? error.reason : undefined;
    throw sessionRejected((reason && REJECTION_MESSAGES[reason]) ?? 'Session token could not be verified.');
  }
  const clerkId = payload.sub;
  if (typeof clerkId !== 'string' || !CLERK_USER_ID.test(clerkId)) {
    throw sessionRejected('Session token has no usable subject (sub).');
  }
  const profile = profileClaims.parse(payload);
  return { clerkId, email: profile.email, firstName: profile.first_name, lastName: profile.last_name, imageUrl: profile.image_url };
}
