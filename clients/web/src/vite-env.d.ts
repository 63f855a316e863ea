/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The gateway's GraphQL endpoint (HTTP); subscriptions use the same address over ws(s). */
  readonly VITE_GRAPHQL_URL?: string;
}
