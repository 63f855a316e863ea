import { applyMigrations, type Pool } from '@threadly/database';
import { postToService, SERVICE_SIGNATURE_HEADER } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase } from '@threadly/testing';
import { createIdentitySubgraph } from '../../src/create-identity-subgraph.ts';
import { CLERK_WEBHOOK_PATH, RESOLVE_USER_PATH } from '../../src/index.ts';

export const SECRET = 'identity-clerk-test-secret-'.padEnd(48, 'x');

export interface UserRow {
  id: string;
  clerkId: string;
  email: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
  bio: string | null;
  location: string | null;
  role: string;
  deletedAt: Date | null;
}

/** Identity alone on a fresh migrated database, with its internal and webhook routes. */
export async function startIdentity() {
  const database = await createTestDatabase();
  const definition = createIdentitySubgraph({ pool: database.pool, identitySecret: SECRET, logger: createLogger('identity-test', 'silent') });
  await applyMigrations(database.pool, definition.databaseSchema, definition.migrationsDir);
  const server = await startSubgraphServer(definition, {
    port: 0,
    production: false,
    logger: createLogger('identity-test', 'silent'),
    checkReady: async () => void (await database.pool.query('SELECT 1')),
  });
  const origin = new URL(server.url).origin;
  const pool: Pool = database.pool;
  return {
    pool,
    /** Where identity listens, for calling its internal routes. */
    origin,
    webhookUrl: `${origin}${CLERK_WEBHOOK_PATH}`,
    /** The gateway's call: a service-signed POST to `/internal/users/resolve`. */
    resolve: (claims: Record<string, unknown>) =>
      postToService<{ userId: string; role: string; deleted: boolean }>(`${origin}${RESOLVE_USER_PATH}`, claims, SECRET),
    /** Posts to the resolve route with a raw signature header, to see refusals. */
    resolveRaw: async (body: string, signature?: string) => {
      const response = await fetch(`${origin}${RESOLVE_USER_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { [SERVICE_SIGNATURE_HEADER]: signature } : {}) },
        body,
      });
      return { status: response.status, body: (await response.json()) as { errors?: Array<{ extensions: { code: string } }> } };
    },
    usersWithClerkId: async (clerkId: string) =>
      (await pool.query<UserRow>('SELECT * FROM identity."User" WHERE "clerkId" = $1', [clerkId])).rows,
    /** Events identity's outbox holds for a user (no relay runs here, so they stay). */
    outboxEventsOf: async (userId: string) =>
      (await pool.query<{ type: string; payload: unknown }>('SELECT type, payload FROM identity."OutboxEvent" WHERE "aggregateId" = $1 ORDER BY "occurredAt", id', [userId])).rows,
    processed: async (svixId: string) => (await pool.query('SELECT type FROM identity."ProcessedWebhook" WHERE id = $1', [svixId])).rows,
    async close() {
      await server.stop();
      await definition.close();
      await database.close();
    },
  };
}

export type IdentityHarness = Awaited<ReturnType<typeof startIdentity>>;
