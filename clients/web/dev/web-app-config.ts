import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { InlineConfig } from 'vite';
import { developmentRoutes, type DevelopmentRoutesOptions } from './development-routes.ts';

export interface WebAppConfigOptions extends DevelopmentRoutesOptions {
  /** The gateway's GraphQL endpoint; otherwise VITE_GRAPHQL_URL, else http://localhost:4000/graphql (src/config.ts). */
  graphqlUrl?: string;
  /** 5173 by default; 0 picks a free port (tests). */
  port?: number;
}

/**
 * The app's Vite configuration, shared by `vite.config.ts` (`npm run web`) and the browser test, which serves the
 * same app on a free port against its own gateway and Stripe stand-in.
 */
export function webAppConfig({ graphqlUrl, port = 5173, ...routes }: WebAppConfigOptions = {}): InlineConfig {
  return {
    root: fileURLToPath(new URL('..', import.meta.url)),
    plugins: [react(), developmentRoutes(routes)],
    define: graphqlUrl ? { 'import.meta.env.VITE_GRAPHQL_URL': JSON.stringify(graphqlUrl) } : {},
    // localhost: an origin the development gateway allows (CORS_ORIGINS, CLERK_AUTHORIZED_PARTIES) on port 5173.
    server: { port, strictPort: port !== 0, host: 'localhost' },
    // Pre-bundled up front, so a first visit never reloads the page halfway while Vite discovers a dependency.
    optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'graphql', 'graphql-ws'] },
  };
}
