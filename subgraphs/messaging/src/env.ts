import { commonEnvShape, databaseEnvShape, eventBusEnvShape, identityHeaderEnvShape, parseEnv, port } from '@threadly/config';
import { tracingEnvShape } from '@threadly/tracing';
import { z } from 'zod';

export const messagingEnvShape = {
  ...commonEnvShape,
  ...tracingEnvShape,
  ...databaseEnvShape,
  ...eventBusEnvShape,
  ...identityHeaderEnvShape,
  MESSAGING_PORT: port(4004),
  MESSAGING_HOST: z.string().default('127.0.0.1'),
  /** Where `startConversation` asks the catalog who sells a product (a federation `_entities` query). */
  CATALOG_SUBGRAPH_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).default('http://127.0.0.1:4002/graphql'),
};

export type MessagingEnv = ReturnType<typeof loadMessagingEnv>;

/** The only place messaging reads the environment. */
export const loadMessagingEnv = (source: Record<string, string | undefined> = process.env) => parseEnv(messagingEnvShape, source);
