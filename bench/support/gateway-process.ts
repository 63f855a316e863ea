// A peer gateway under test, alone in its own process so its CPU time is its own (this gateway runs through its
// real entry point instead, see gateways.ts). Spawned by bench/support/gateways.ts:
//   node --import tsx bench/support/gateway-process.ts <plain|hive> <supergraph file>
// Prints "READY <url>" on stdout; exits on SIGTERM, saying on stderr if it ever connected beyond 127.0.0.1.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nonLoopbackConnections, watchOutgoingConnections } from './loopback-guard.ts';

watchOutgoingConnections();
const [kind, supergraphFile] = process.argv.slice(2) as [string, string];
const supergraphSdl = readFileSync(supergraphFile, 'utf8');

let stop: () => Promise<void>;
let url: string;

if (kind === 'plain') {
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

process.on('SIGTERM', () => {
  const outside = nonLoopbackConnections();
  if (outside.length > 0) console.error(`${kind} gateway connected outside 127.0.0.1: ${outside.join(', ')}`);
  // Hive Gateway's runtime does not exit by itself; nothing here should outlive the measurement.
  const timer = setTimeout(() => process.exit(0), 3_000);
  timer.unref();
  void stop().finally(() => process.exit(0));
});
console.log(`READY ${url}`);
