import { fileURLToPath } from 'node:url';
import { createQueryTimings, type Pool } from '@threadly/database';
import { createOutboxSignal } from '@threadly/events';
import { createLogger, type Logger } from '@threadly/logger';
import { createRealtimePubSub } from '@threadly/pubsub';
import type { SubgraphDefinition } from '@threadly/subgraph-runtime';
import { createMessagingContextFactory, type MessagingContext } from './context.ts';
import { createMessagingPrisma, MESSAGING_DB_SCHEMA } from './database.ts';
import { createSubscriptionPublisher } from './events/subscription-publisher.ts';
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
  /**
   * Subscription fan-out: Redis pub/sub at `redisUrl` (REDIS_URL), shared by every replica, else this process's
   * memory (one process only). `channelPrefix` keeps tests apart.
   */
  realtime?: { redisUrl?: string; channelPrefix?: string };
  logger?: Logger;
}

/** Buyer–seller conversations about a product: owns `Conversation` and `Message`. */
export function createMessagingSubgraph({ pool, identitySecret, catalogUrl, products, realtime, logger }: MessagingSubgraphOptions): SubgraphDefinition<MessagingContext> {
  const queryTimings = createQueryTimings();
  const prisma = createMessagingPrisma(pool, queryTimings);
  // Publishes message.sent, written with each message, and conversation.read.
  const outbox = createOutboxSignal();
  const pubsub = createRealtimePubSub({ ...realtime, logger: logger ?? createLogger('messaging') });
  return {
    name: 'messaging',
    schema: messagingSchema,
    queryTimings,
    databaseSchema: MESSAGING_DB_SCHEMA,
    migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
    createContext: createMessagingContextFactory(prisma, identitySecret, {
      products: products ?? createCatalogProductDirectory(catalogUrl),
      outbox,
      pubsub,
    }),
    outbox: { signal: outbox },
    subscriptions: { identitySecret, publisher: createSubscriptionPublisher(prisma, pubsub) },
    hasData: () => messagingHasData(prisma),
    seedDemoData: (data) => seedMessaging(prisma, data),
    close: async () => {
      await pubsub.close();
      await prisma.$disconnect();
    },
  };
}
