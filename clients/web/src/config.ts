/** The gateway: queries and mutations over HTTP, live updates over graphql-ws on the same address. */
export const GRAPHQL_URL = import.meta.env.VITE_GRAPHQL_URL ?? 'http://localhost:4000/graphql';
export const GRAPHQL_WS_URL = GRAPHQL_URL.replace(/^http/, 'ws');

/** How often a screen re-reads what it would otherwise be told live, when live updates are unavailable. */
export const POLL_FALLBACK_MS = 3000;
