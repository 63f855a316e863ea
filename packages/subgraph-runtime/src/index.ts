export { startSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraph-server.ts';
export { serveSubgraph, type ServeSubgraphOptions } from './serve-subgraph.ts';
export { runSubgraphProcess, type SubgraphProcessOptions } from './run-subgraph-process.ts';
export { readViewer } from './read-viewer.ts';
export { printSubgraphSdl } from './print-subgraph-sdl.ts';
export type { SubgraphDefinition, SubgraphRequest } from './subgraph-definition.ts';
export { subgraphBuilderOptions } from './builder-options.ts';
export { viewerAuthScopes, scopedViewer, type ViewerAuthScopes, type ViewerAuthContexts } from './viewer-scopes.ts';
export { createInternalRoute } from './internal-route.ts';
