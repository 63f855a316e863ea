export { createHttpServer, listen, requestIdOf, type HttpRoute, type HttpServerOptions, type RequestHook, type RouteHandler, type RequestInfo } from './http-server.ts';
export { createGraphQLRoutes, type GraphQLRouteOptions } from './graphql-route.ts';
export { readBody, readBodyOrRefuse, BodyTooLargeError } from './read-body.ts';
export { sendJson, graphqlErrorBody } from './send-json.ts';
export { endCompressible, negotiateContentCoding, type CompressionOptions, type ContentCoding } from './compression.ts';
export { stopOnSignals, type ShutdownLogger, type StopOnSignalsOptions } from './stop-on-signals.ts';
export { drainConnections } from './close-connections-when-stopping.ts';
