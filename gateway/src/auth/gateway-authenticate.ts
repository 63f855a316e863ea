import type { Authenticate } from '../request-context.ts';
import type { GatewayEnv } from '../env.ts';
import { clerkSessionOptionsFromEnv } from './clerk-env.ts';
import { createClerkAuthenticate, type ClerkAuthenticate, type ClerkAuthenticateOptions } from './clerk-authenticate.ts';
import { apiKeyRejected, createPartnerKeyResolver, PARTNER_KEY_HEADER, partnerKeyOf } from './partner-key.ts';

export interface GatewayAuthenticateOptions extends ClerkAuthenticateOptions {
  /** How long a partner key's resolution is reused (default 60 s): how long a revocation takes to take effect. */
  partnerKeyCacheTtlMs?: number;
}

/**
 * The gateway's authenticate step: an `x-api-key` header is a partner integration, an `Authorization: Bearer`
 * header a signed-in user (Clerk), neither an anonymous client. Both at once is refused with 401: the gateway
 * would have to guess who is asking, and as a refused credential it is charged to the sender's address.
 */
export function createGatewayAuthenticate(options: GatewayAuthenticateOptions): ClerkAuthenticate {
  const clerk = createClerkAuthenticate(options);
  const resolvePartner = createPartnerKeyResolver({
    identityUrl: options.identityUrl,
    secret: options.identitySecret,
    logger: options.logger,
    ttlMs: options.partnerKeyCacheTtlMs,
    // The same bound as users': a partner's sync should not stop over an identity restart either. Revocations have
    // no event, so a key revoked just before identity went down works until this bound after its last check.
    staleIfErrorMs: options.identityStaleIfErrorMs,
  });
  const authenticate: Authenticate = async (req, clientIp) => {
    if (req.headers[PARTNER_KEY_HEADER] !== undefined && req.headers.authorization !== undefined) {
      throw apiKeyRejected('Send either an Authorization header (a signed-in user) or an x-api-key header (a partner), not both.');
    }
    const key = partnerKeyOf(req);
    return key === null ? clerk(req, clientIp) : resolvePartner(key);
  };
  return Object.assign(authenticate, { forgetDeletedUser: clerk.forgetDeletedUser });
}

/** The gateway's sign-in as configured (Clerk, identity, the stale bound): the gateway and the Router coprocessor. */
export const gatewayAuthenticateFromEnv = (env: GatewayEnv, logger: GatewayAuthenticateOptions['logger']): ClerkAuthenticate =>
  createGatewayAuthenticate({
    session: clerkSessionOptionsFromEnv(env),
    identityUrl: env.IDENTITY_URL,
    identitySecret: env.IDENTITY_HEADER_SECRET,
    identityStaleIfErrorMs: env.IDENTITY_STALE_SESSION_SECONDS * 1000,
    logger,
  });
