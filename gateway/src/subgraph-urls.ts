/** Where each subgraph named in the supergraph is served, keyed by the supergraph's subgraph names. */
export type SubgraphUrls = Record<'identity' | 'catalog' | 'commerce' | 'messaging', string>;

export const subgraphUrlsFromEnv = (env: { IDENTITY_URL: string; CATALOG_URL: string; COMMERCE_URL: string; MESSAGING_URL: string }): SubgraphUrls => ({
  identity: env.IDENTITY_URL,
  catalog: env.CATALOG_URL,
  commerce: env.COMMERCE_URL,
  messaging: env.MESSAGING_URL,
});
