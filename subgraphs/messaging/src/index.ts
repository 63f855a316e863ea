export { createMessagingSubgraph, type MessagingSubgraphOptions } from './create-messaging-subgraph.ts';
export { messagingEnvShape, loadMessagingEnv } from './env.ts';
export { messagingSchema } from './schema/index.ts';
export { createCatalogProductDirectory, type ProductDirectory } from './services/catalog-client.ts';
