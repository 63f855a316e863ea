import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { domainError } from '@threadly/errors';
import { z } from 'zod';
import type { Principal } from '../gateway-context.ts';
import { createIdentityLookup, type IdentityLookupOptions } from './identity-lookup.ts';

/** The header partner integrations send their key in. */
export const PARTNER_KEY_HEADER = 'x-api-key';

/** Identity's internal route that tells whether a key hash belongs to a partner. */
export const RESOLVE_PARTNER_PATH = '/internal/partners/resolve';

/** `thr_live_` and 32 base62 characters, as identity issues them (`npm run partner-key -- create`). */
const PARTNER_KEY = /^thr_live_[A-Za-z0-9]{32}$/;

export type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;

/** 401 for credentials that identify no partner: the caller must fix its key, not retry. */
export const apiKeyRejected = (message: string) => domainError('UNAUTHENTICATED', message, { http: { status: 401 } });

/**
 * The key of the `x-api-key` header, or null when there is none. A malformed value (Node joins a repeated header
 * with ", ", so two keys are malformed too) is refused here, without asking identity.
 */
export function partnerKeyOf(req: Pick<IncomingMessage, 'headers'>): string | null {
  const header = req.headers[PARTNER_KEY_HEADER];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !PARTNER_KEY.test(header)) {
    throw apiKeyRejected('The x-api-key header must be one partner API key: thr_live_ followed by 32 letters and digits.');
  }
  return header;
}

const resolvedPartnerSchema = z.object({
  partner: z
    .object({ partnerId: z.string().min(1).max(64), rateLimitPerWindow: z.number().int().positive().nullable() })
    .nullable(),
});

export type PartnerKeyResolverOptions = Omit<IdentityLookupOptions, 'url'> & {
  /** The identity subgraph's URL (its GraphQL endpoint); the resolve route is on the same origin. */
  identityUrl: string;
};

/**
 * The partner a key belongs to. Only the key's SHA-256 goes to identity, which stores nothing else. Answers,
 * "no such key" included, are cached (60 s by default): a revocation reaches every gateway within that time while
 * identity is up. While identity cannot be reached, the last answer is served up to `staleIfErrorMs` after identity
 * gave it (revocations have no event to shorten that).
 */
export function createPartnerKeyResolver(options: PartnerKeyResolverOptions): (key: string) => Promise<PartnerPrincipal> {
  const lookup = createIdentityLookup({
    ...options,
    url: new URL(RESOLVE_PARTNER_PATH, options.identityUrl).toString(),
    parse: (answer) => resolvedPartnerSchema.parse(answer),
    what: 'a partner API key',
  });
  return async (key) => {
    const keyHash = createHash('sha256').update(key, 'utf8').digest('hex');
    const { partner } = await lookup(keyHash, { keyHash });
    if (!partner) throw apiKeyRejected('Unknown or revoked API key.');
    const { partnerId, rateLimitPerWindow } = partner;
    return rateLimitPerWindow === null ? { kind: 'partner', partnerId } : { kind: 'partner', partnerId, rateLimit: rateLimitPerWindow };
  };
}
