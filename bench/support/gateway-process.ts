// One gateway under test, alone in its own process so its CPU time is its own. Spawned by bench/gateway-comparison.ts:
//   node --import tsx bench/support/gateway-process.ts <ours|plain|hive> <supergraph file> <subgraph urls JSON> <identity secret>
// Prints "READY <url>" on stdout; answers "cpu" on IPC with process.cpuUsage(); exits on SIGTERM.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nonLoopbackConnections, watchOutgoingConnections } from './loopback-guard.ts';

watchOutgoingConnections();
const [kind, supergraphFile, urlsJson, identitySecret] = process.argv.slice(2) as [string, string, string, string];
const supergraphSdl = readFileSync(supergraphFile, 'utf8');
const subgraphUrls = JSON.parse(urlsJson) as { identity: string; catalog: string; commerce: string; messaging: string };

let stop: () => Promise<void>;
let url: string;

if (kind === 'ours') {
  const { createGatewayAuthenticate, developmentClerkSessionOptions, startGatewayServer } = await import('@threadly/gateway');
  const { createLogger } = await import('@threadly/logger');
  const logger = createLogger('gateway', 'silent');
  // Production options as gateway/src/main.ts wires them, minus the rate limit (the load comes from one address).
  const gateway = await startGatewayServer({
    supergraphSdl,
    subgraphUrls,
    identitySecret,
    production: true,
    authenticate: createGatewayAuthenticate({ session: developmentClerkSessionOptions(), identityUrl: subgraphUrls.identity, identitySecret, logger }),
    maxBodyBytes: 100_000,
    port: 0,
    host: '127.0.0.1',
    logger,
  });
  url = gateway.url;
  stop = gateway.stop;
} else if (kind === 'plain') {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  // The supergraph file already points at the subgraphs (URLs rewritten by the orchestrator); no plugins, no
  // forwarded headers.
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ url: subgraphUrl }) => new RemoteGraphQLDataSource({ url: subgraphUrl }) });
  const server = new ApolloServer({ gateway, stopOnTerminationSignals: false });
  ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
  url = new URL('/graphql', url).toString();
  stop = () => server.stop();
} else if (kind === 'hive') {
  // Imported by a name tsc does not follow: Hive Gateway's typings pull in a nested @types/node 25, whose globals
  // break the project's type-check on Node 20's types.
  const hiveModule: string = '@graphql-hive/gateway';
  const { createGatewayRuntime } = (await import(hiveModule)) as {
    createGatewayRuntime(config: Record<string, unknown>): RequestListener & { dispose(): Promise<void> };
  };
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    // Identical in-flight subgraph requests are merged by default; off, so every client request is executed.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.dispose();
  };
} else {
  throw new Error(`unknown gateway ${kind}`);
}

process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage(), nonLoopback: nonLoopbackConnections() });
});
process.on('SIGTERM', () => {
  // Hive Gateway's runtime does not exit by itself; nothing here should outlive the measurement.
  const timer = setTimeout(() => process.exit(0), 3_000);
  timer.unref();
  void stop().finally(() => process.exit(0));
});
console.log(`READY ${url}`);
