// `npm run replicas`: the supergraph as separate processes on real servers — two gateways behind a round-robin
// front and two replicas of each subgraph — the topology the fault suite runs against. Ctrl-C stops everything.
import { commonEnvShape, eventBusEnvShape, loadConfigOrExit, parseEnv, port } from '@threadly/config';
import { startReplicaTopology } from '@threadly/replica-topology';
import { z } from 'zod';

const needed = (variable: string, example: string) =>
  z.string({ message: `required: the shared server every replica uses, e.g. ${variable}=${example} npm run replicas` });

const replicasEnvShape = {
  LOG_LEVEL: commonEnvShape.LOG_LEVEL,
  DATABASE_URL: needed('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres').regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL'),
  REDIS_URL: needed('REDIS_URL', 'redis://127.0.0.1:6379').regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL'),
  EVENT_STREAM: eventBusEnvShape.EVENT_STREAM,
  /** Replicas of each subgraph and of the gateway. */
  REPLICAS: z.coerce.number({ message: 'expected a whole number' }).int().min(1).max(8).default(2),
  /** The gateways' front; the subgraphs' fronts take the next four ports, as `npm start` lays them out. */
  GATEWAY_PORT: port(4000),
};

const env = loadConfigOrExit(() => parseEnv(replicasEnvShape, process.env));
const base = env.GATEWAY_PORT;
console.log(`Threadly: ${env.REPLICAS} gateways and ${env.REPLICAS} replicas of each subgraph on DATABASE_URL and REDIS_URL`);
const topology = await startReplicaTopology({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  replicas: env.REPLICAS,
  // The children get only what is passed here: the shell's other variables do not leak into them.
  env: { LOG_LEVEL: env.LOG_LEVEL, EVENT_STREAM: env.EVENT_STREAM },
  frontPorts: base === 0 ? {} : { gateway: base, identity: base + 1, catalog: base + 2, commerce: base + 3, messaging: base + 4 },
  onProgress: (step) => console.log(`  … ${step}`),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

console.log(`\nGateway (round-robin over ${topology.gateways.length}): ${topology.gatewayUrl}/graphql`);
for (const gateway of topology.gateways) console.log(`  ${gateway.name}: ${gateway.url} (pid ${gateway.pid}, log ${gateway.logFile})`);
for (const [name, replicas] of Object.entries(topology.subgraphs)) {
  console.log(`${name} (front ${topology.subgraphFronts[name as keyof typeof topology.subgraphs].url}):`);
  for (const replica of replicas) console.log(`  ${replica.name}: ${replica.url} (pid ${replica.pid}, log ${replica.logFile})`);
}
console.log('\nCtrl-C stops every process.');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping every process…`);
  await topology.stop();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
