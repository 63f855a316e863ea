import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET } from '@threadly/config';
import type { Pool } from '@threadly/database';
import { createLogger, type Logger } from '@threadly/logger';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createIdentityContextFactory, type IdentityContext } from './context.ts';
import { createIdentityPrisma, IDENTITY_DB_SCHEMA } from './database.ts';
import { DEFAULT_CATALOG_SUBGRAPH_URL } from './env.ts';
import { createClerkWebhookRoute } from './routes/clerk-webhook.route.ts';
import { createResolveUserRoute } from './routes/resolve-user.route.ts';
import { identitySchema } from './schema/index.ts';
import { identityHasData, seedIdentity } from './seed.ts';
import { ClerkWebhookService } from './services/clerk-webhook.service.ts';
import { createCatalogSellerListings, type SellerListings } from './services/seller-listings.ts';

export interface IdentitySubgraphOptions {
  pool: Pool;
  /** Verifies the gateway's viewer header and signs/verifies internal service calls. */
  identitySecret: string;
  /** Verifies Clerk webhook deliveries (`whsec_…`); the development default when absent. */
  clerkWebhookSigningSecret?: string;
  /** Catalog's GraphQL URL, asked to hide a deleted user's listings; a function when catalog starts later. */
  catalogUrl?: string | (() => string);
  /** Replaces the call to catalog (tests pass a fake). */
  sellerListings?: SellerListings;
  logger?: Logger;
}

/** Users and profiles: owns `User`, and keeps it in step with Clerk (sign-in resolution, webhooks). */
export function createIdentitySubgraph(options: IdentitySubgraphOptions): SubgraphDefinition<IdentityContext> {
  const { pool, identitySecret, catalogUrl = DEFAULT_CATALOG_SUBGRAPH_URL } = options;
  const prisma = createIdentityPrisma(pool);
  const logger = options.logger ?? createLogger('identity');
  const sellerListings =
    options.sellerListings ?? createCatalogSellerListings(typeof catalogUrl === 'string' ? () => catalogUrl : catalogUrl, identitySecret);
  return {
    name: 'identity',
    schema: identitySchema,
    databaseSchema: IDENTITY_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createIdentityContextFactory(prisma, identitySecret),
    routes: [
      createResolveUserRoute(prisma, identitySecret),
      createClerkWebhookRoute({
        signingSecret: options.clerkWebhookSigningSecret ?? DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET,
        webhooks: new ClerkWebhookService(prisma, sellerListings, logger),
        logger,
      }),
    ],
    hasData: () => identityHasData(prisma),
    seedDemoData: (data) => seedIdentity(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
