import { fileURLToPath } from 'node:url';
import type { Pool } from '@threadly/database';
import { createOutboxSignal } from '@threadly/events';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createMessagingContextFactory, type MessagingContext } from './context.ts';
import { createMessagingPrisma, MESSAGING_DB_SCHEMA } from './database.ts';
import { messagingSchema } from './schema/index.ts';
import { messagingHasData, seedMessaging } from './seed.ts';
import { createCatalogProductDirectory, type ProductDirectory } from './services/catalog-client.ts';

export interface MessagingSubgraphOptions {
  pool: Pool;
  identitySecret: string;
  /** The catalog subgraph's GraphQL URL, asked who sells a product when a conversation starts. */
  catalogUrl: string;
  /** Replaces the HTTP lookup at `catalogUrl` (tests pass a fake). */
  products?: ProductDirectory;
}

/** Buyer–seller conversations about a product: owns `Conversation` and `Message`. */
export function createMessagingSubgraph({ pool, identitySecret, catalogUrl, products }: MessagingSubgraphOptions): SubgraphDefinition<MessagingContext> {
  const prisma = createMessagingPrisma(pool);
  // Publishes message.sent, written with each message.
  const outbox = createOutboxSignal();
  return {
    name: 'messaging',
    schema: messagingSchema,
    databaseSchema: MESSAGING_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createMessagingContextFactory(prisma, identitySecret, products ?? createCatalogProductDirectory(catalogUrl), outbox),
    outbox: { signal: outbox },
    hasData: () => messagingHasData(prisma),
    seedDemoData: (data) => seedMessaging(prisma, data),
    close: () => prisma.$disconnect(),
  };
}
