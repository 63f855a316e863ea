import type { SubgraphRequest } from '@threadly/subgraph-runtime';
import { readViewer } from '@threadly/subgraph-runtime';
import type { Viewer } from '@threadly/identity-headers';
import type { OutboxSignal } from '@threadly/events';
import type { IdentityPrisma } from './database.ts';
import { createIdentityLoaders, type IdentityLoaders } from './loaders/index.ts';
import { UserService } from './services/user.service.ts';

export interface IdentityContext {
  requestId: string;
  /** Who is asking, as the gateway signed it; null when anonymous. */
  viewer: Viewer | null;
  loaders: IdentityLoaders;
  users: UserService;
}

/** One factory for every transport (HTTP today, WebSocket later): identity, loaders and services per request. */
export function createIdentityContextFactory(prisma: IdentityPrisma, identitySecret: string, outbox: OutboxSignal) {
  return async ({ headers, requestId }: SubgraphRequest): Promise<IdentityContext> => {
    const viewer = readViewer(headers, identitySecret);
    const loaders = createIdentityLoaders(prisma);
    return { requestId, viewer, loaders, users: new UserService(prisma, loaders, outbox) };
  };
}
