import type { HttpRoute } from '@threadly/http-server';
import { createInternalRoute } from '@threadly/subgraph-runtime';
import { z } from 'zod';
import type { IdentityPrisma } from '../database.ts';
import { PartnerKeyService, type ResolvedPartner } from '../services/partner-key.service.ts';

export const RESOLVE_PARTNER_PATH = '/internal/partners/resolve';

const resolvePartnerInput = z.object({ keyHash: z.string().regex(/^[0-9a-f]{64}$/, 'keyHash: expected the SHA-256 of the key, 64 lowercase hex digits') });

/**
 * `POST /internal/partners/resolve`, called by the gateway (service-signed with IDENTITY_HEADER_SECRET) with the
 * SHA-256 of an `x-api-key`: `{ keyHash }` → `{ partner: { partnerId, rateLimitPerWindow } }`, or `{ partner: null }`
 * for a key that is unknown or revoked (a 200, so the gateway can tell "no such key" from "identity is down").
 * The key itself never leaves the gateway.
 */
export function createResolvePartnerRoute(prisma: IdentityPrisma, secret: string): HttpRoute {
  const partnerKeys = new PartnerKeyService(prisma);
  return createInternalRoute({
    path: RESOLVE_PARTNER_PATH,
    secret,
    input: resolvePartnerInput,
    handle: async ({ keyHash }): Promise<{ partner: ResolvedPartner | null }> => ({ partner: await partnerKeys.resolve(keyHash) }),
  });
}
