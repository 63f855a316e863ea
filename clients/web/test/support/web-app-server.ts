import { createServer as createNetServer } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { webAppConfig } from '../../dev/web-app-config.ts';

/** A free port on localhost, so the gateway can be told the app's origin before the app is served there. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface WebAppServer {
  origin: string;
  close(): Promise<void>;
}

/** The web app served by Vite's dev server exactly as `npm run web` serves it, on `port`, against the given gateway. */
export async function startWebAppServer({ port, graphqlUrl, stripeStandInUrl }: { port: number; graphqlUrl: string; stripeStandInUrl: string }): Promise<WebAppServer> {
  const config = webAppConfig({ port, graphqlUrl, stripeStandInUrl });
  const server: ViteDevServer = await createServer({
    ...config,
    configFile: false,
    logLevel: 'warn',
    server: { ...config.server, watch: null, hmr: false },
  });
  await server.listen();
  return { origin: `http://localhost:${port}`, close: () => server.close() };
}
