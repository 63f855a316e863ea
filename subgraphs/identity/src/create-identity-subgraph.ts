import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET } from '@threadly/config';
import { createQueryTimings, type Pool } from '@threadly/database';
import { createOutboxSignal } from '@threadly/events';
import { createLogger, type Logger } from '@threadly/logger';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createIdentityContextFactory, type IdentityContext } from './context.ts';
import { createIdentityPrisma, IDENTITY_DB_SCHEMA } from './database.ts';
import { createClerkWebhookRoute } from './routes/clerk-webhook.route.ts';
import { createResolvePartnerRoute } from './routes/resolve-partner.route.ts';
import { createResolveUserRoute } from './routes/resolve-user.route.ts';
import { identitySchema } from './schema/index.ts';
import { identityHasData, seedIdentity } from './seed.ts';
import { ClerkWebhookService } from './services/clerk-webhook.service.ts';

export interface IdentitySubgraphOptions {
  pool: Pool;
  /** Verifies the gateway's viewer header and signs/verifies internal service calls. */
  identitySecret: string;
  /** Verifies Clerk webhook deliveries (`whsec_…`); the development default when absent. */
  clerkWebhookSigningSecret?: string;
  logger?: Logger;
}

/** Users and profiles: owns `User`, and keeps it in step with Clerk (sign-in resolution, webhooks); owns partner API keys. */
export function createIdentitySubgraph(options: IdentitySubgraphOptions): SubgraphDefinition<IdentityContext> {
  const { pool, identitySecret } = options;
  const queryTimings = createQueryTimings();
  const prisma = createIdentityPrisma(pool, queryTimings);
  const logger = options.logger ?? createLogger('identity');
  // Publishes user.updated and user.deleted (written to identity's outbox with the change).
  const outbox = createOutboxSignal();
  return {
    name: 'identity',
    schema: identitySchema,
    queryTimings,
    databaseSchema: IDENTITY_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createIdentityContextFactory(prisma, identitySecret, outbox),
    routes: [
      createResolveUserRoute(prisma, identitySecret),
      createResolvePartnerRoute(prisma, identitySecret),
      createClerkWebhookRoute({
        signingSecret: options.clerkWebhookSigningSecret ?? DEVELOPMENT_CLERK_WEBHOOK_SIGNING_SECRET,
        webhooks: new ClerkWebhookService(prisma, outbox, logger),
        logger,
      }),
    ],
    outbox: { signal: outbox },
    hasData: () => identityHasData(prisma),
    seedDemoData: (data) => seedIdentity(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
