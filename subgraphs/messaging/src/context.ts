import type { SubgraphRequest } from '@threadly/subgraph-runtime';
import { readViewer } from '@threadly/subgraph-runtime';
import type { OutboxSignal } from '@threadly/events';
import type { Viewer } from '@threadly/identity-headers';
import type { MessagingPrisma } from './database.ts';
import { createMessagingLoaders, type MessagingLoaders } from './loaders/index.ts';
import type { ProductDirectory } from './services/catalog-client.ts';
import { ConversationService } from './services/conversation.service.ts';
import { MessageService } from './services/message.service.ts';

export interface MessagingContext {
  requestId: string;
  /** Who is asking, as the gateway signed it; null when anonymous. */
  viewer: Viewer | null;
  loaders: MessagingLoaders;
  conversations: ConversationService;
  messages: MessageService;
}

/** One factory for every transport (HTTP today, WebSocket later): identity, loaders and services per request. */
export function createMessagingContextFactory(prisma: MessagingPrisma, identitySecret: string, products: ProductDirectory, outbox: OutboxSignal) {
  return async ({ headers, requestId }: SubgraphRequest): Promise<MessagingContext> => {
    const viewer = readViewer(headers, identitySecret);
    const loaders = createMessagingLoaders(prisma, viewer?.userId ?? null);
    return {
      requestId,
      viewer,
      loaders,
      conversations: new ConversationService(prisma, loaders, viewer, products, outbox),
      messages: new MessageService(prisma, loaders, outbox),
    };
  };
}
