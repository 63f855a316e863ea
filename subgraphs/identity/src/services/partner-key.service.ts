import { z } from 'zod';
import type { IdentityPrisma } from '../database.ts';
import type { PartnerApiKey } from '../generated/prisma/client.ts';
import { generatePartnerApiKey, hashPartnerApiKey, PARTNER_KEY_PREFIX, partnerApiKeyPrefix } from './partner-api-key.ts';

export const newPartnerKeySchema = z.object({
  partnerId: z
    .string()
    .max(64, 'expected at most 64 characters')
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug such as acme-resale (lowercase letters, digits, single hyphens)'),
  name: z.string().trim().min(1, 'expected a non-empty name').max(100, 'expected at most 100 characters').optional(),
  rateLimitPerWindow: z.number().int('expected a whole number').min(1, 'expected at least 1').max(1_000_000, 'expected at most 1000000').optional(),
});

export type NewPartnerKey = z.input<typeof newPartnerKeySchema>;

/** A key as people may see it: everything but the hash. */
export type PartnerKeySummary = Omit<PartnerApiKey, 'keyHash'>;

/** What the gateway needs of a valid key. */
export interface ResolvedPartner {
  partnerId: string;
  /** Requests per window; null: the gateway's RATE_LIMIT_PARTNER. */
  rateLimitPerWindow: number | null;
}

const summary = { id: true, partnerId: true, name: true, prefix: true, rateLimitPerWindow: true, createdAt: true, revokedAt: true } as const;

/** Issues, resolves, lists and revokes partner API keys. Keys are stored only as their SHA-256. */
export class PartnerKeyService {
  constructor(private readonly prisma: IdentityPrisma) {}

  /**
   * A new key for the partner: the key itself is in the answer and nowhere else, ever. Without a limit, the key
   * keeps the one of the partner's newest valid key, so rotating a key does not quietly change the partner's limit.
   */
  async create(input: NewPartnerKey): Promise<{ key: string; record: PartnerKeySummary }> {
    const { partnerId, name, rateLimitPerWindow } = newPartnerKeySchema.parse(input);
    const current = await this.prisma.partnerApiKey.findFirst({
      where: { partnerId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: { rateLimitPerWindow: true },
    });
    const key = generatePartnerApiKey();
    const record = await this.prisma.partnerApiKey.create({
      data: {
        partnerId,
        name: name ?? `${partnerId} key`,
        prefix: partnerApiKeyPrefix(key),
        keyHash: hashPartnerApiKey(key),
        rateLimitPerWindow: rateLimitPerWindow ?? current?.rateLimitPerWindow ?? null,
      },
      select: summary,
    });
    return { key, record };
  }

  /** The partner of a valid key by its SHA-256, or null for a key that is unknown or revoked. */
  async resolve(keyHash: string): Promise<ResolvedPartner | null> {
    const row = await this.prisma.partnerApiKey.findUnique({
      where: { keyHash },
      select: { partnerId: true, rateLimitPerWindow: true, revokedAt: true },
    });
    if (!row || row.revokedAt !== null) return null;
    return { partnerId: row.partnerId, rateLimitPerWindow: row.rateLimitPerWindow };
  }

  /**
   * Revokes the key with this prefix (`thr_live_` and 8 characters; the whole key or the 8 characters alone also
   * work). Revoking twice keeps the first time. Null when no key has the prefix.
   */
  async revoke(prefixOrKey: string): Promise<{ record: PartnerKeySummary; alreadyRevoked: boolean } | null> {
    const prefix = partnerApiKeyPrefix(prefixOrKey.startsWith(PARTNER_KEY_PREFIX) ? prefixOrKey : `${PARTNER_KEY_PREFIX}${prefixOrKey}`);
    // One conditional UPDATE, so two revocations racing cannot both "revoke" and move the time.
    const { count } = await this.prisma.partnerApiKey.updateMany({ where: { prefix, revokedAt: null }, data: { revokedAt: new Date() } });
    const record = await this.prisma.partnerApiKey.findUnique({ where: { prefix }, select: summary });
    return record ? { record, alreadyRevoked: count === 0 } : null;
  }

  /** Every key, revoked ones included, by partner and age. */
  list(): Promise<PartnerKeySummary[]> {
    return this.prisma.partnerApiKey.findMany({ orderBy: [{ partnerId: 'asc' }, { createdAt: 'asc' }], select: summary });
  }
}
