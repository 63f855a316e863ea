import type { SubgraphRequest } from '@threadly/subgraph-runtime';
import { requestViewer } from '@threadly/subgraph-runtime';
import type { OutboxSignal } from '@threadly/events';
import type { Viewer } from '@threadly/identity-headers';
import type { RealtimePubSub } from '@threadly/pubsub';
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
  /** Where subscriptions listen (see `events/subscription-topics.ts`). */
  pubsub: RealtimePubSub;
}

export interface MessagingProcessServices {
  products: ProductDirectory;
  outbox: OutboxSignal;
  pubsub: RealtimePubSub;
}

/**
 * One factory for every transport (HTTP requests, WebSocket subscriptions and each of their events): identity,
 * loaders and services per request.
 */
export function createMessagingContextFactory(prisma: MessagingPrisma, identitySecret: string, { products, outbox, pubsub }: MessagingProcessServices) {
  return async (request: SubgraphRequest): Promise<MessagingContext> => {
    const { requestId } = request;
    const viewer = requestViewer(request, identitySecret);
    const loaders = createMessagingLoaders(prisma, viewer?.userId ?? null);
    return {
      requestId,
      viewer,
      loaders,
      conversations: new ConversationService(prisma, loaders, viewer, products, outbox),
      messages: new MessageService(prisma, loaders, outbox),
      pubsub,
    };
  };
}
