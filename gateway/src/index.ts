export { startGatewayServer, type GatewayServer, type GatewayServerOptions } from './gateway-server.ts';
export { gatewayEnvShape, loadGatewayEnv, type GatewayEnv } from './env.ts';
export { subgraphUrlsFromEnv, type SubgraphUrls } from './subgraph-urls.ts';
export { readSupergraphSdl, SUPERGRAPH_PATH } from './supergraph-sdl.ts';
