import { applyMigrations, type Pool } from '@threadly/database';
import { postToService, SERVICE_SIGNATURE_HEADER } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase } from '@threadly/testing';
import { createIdentitySubgraph } from '../../src/create-identity-subgraph.ts';
import { CLERK_WEBHOOK_PATH, RESOLVE_USER_PATH } from '../../src/index.ts';
import { CatalogUnavailableError, type SellerListings } from '../../src/services/seller-listings.ts';

export const SECRET = 'identity-clerk-test-secret-'.padEnd(48, 'x');

/** Stands in for catalog: remembers whose listings it was asked to hide, and can be made to fail. */
export interface FakeSellerListings extends SellerListings {
  hidden: string[];
  failing: boolean;
}

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
  const catalog: FakeSellerListings = {
    hidden: [],
    failing: false,
    async hideListingsOf(sellerId) {
      if (this.failing) throw new CatalogUnavailableError('catalog down');
      this.hidden.push(sellerId);
      return { archived: 0 };
    },
  };
  const definition = createIdentitySubgraph({ pool: database.pool, identitySecret: SECRET, sellerListings: catalog, logger: createLogger('identity-test', 'silent') });
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
    catalog,
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
    processed: async (svixId: string) => (await pool.query('SELECT type FROM identity."ProcessedWebhook" WHERE id = $1', [svixId])).rows,
    async close() {
      await server.stop();
      await definition.close();
      await database.close();
    },
  };
}

export type IdentityHarness = Awaited<ReturnType<typeof startIdentity>>;
