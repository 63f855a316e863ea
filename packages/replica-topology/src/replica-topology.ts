import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inheritedEnv } from './env.ts';
import { findFreePort } from './free-port.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { createTopologyProcess, type TopologyProcess } from './topology-process.ts';

export const SUBGRAPH_NAMES = ['identity', 'catalog', 'commerce', 'messaging'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Each subgraph's variables for where it listens (its env.ts). */
const LISTEN_VARIABLES: Record<SubgraphName, { port: string; host: string }> = {
  identity: { port: 'IDENTITY_PORT', host: 'IDENTITY_HOST' },
  catalog: { port: 'CATALOG_PORT', host: 'CATALOG_HOST' },
  commerce: { port: 'COMMERCE_PORT', host: 'COMMERCE_HOST' },
  messaging: { port: 'MESSAGING_PORT', host: 'MESSAGING_HOST' },
};
/** The gateway's variable for each subgraph's URL (gateway/src/env.ts). */
const GATEWAY_URL_VARIABLES: Record<SubgraphName, string> = {
  identity: 'IDENTITY_URL',
  catalog: 'CATALOG_URL',
  commerce: 'COMMERCE_URL',
  messaging: 'MESSAGING_URL',
};

const ROOT = resolve(import.meta.dirname, '../../..');

export interface ReplicaTopologyOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Replicas of each subgraph and of the gateway. */
  replicas?: number;
  /** Extra variables for every process (e.g. LOG_LEVEL, RESPONSE_CACHE_ENABLED). */
  env?: Record<string, string>;
  /** Extra variables for the gateways only. */
  gatewayEnv?: Record<string, string>;
  /** Ports of the round-robin fronts; unset or 0 picks free ones. Replicas always get free ports. */
  frontPorts?: Partial<Record<SubgraphName | 'gateway', number>>;
  /** Where the processes' log files go; a fresh temporary directory when unset. */
  logDir?: string;
  onProgress?: (message: string) => void;
  /** How long one process may take to answer `/ready` (several start at once on a small machine: generous). */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface ReplicaTopology {
  /** The gateways' round-robin front: `${gatewayUrl}/graphql` is what clients call. */
  gatewayUrl: string;
  gateways: TopologyProcess[];
  subgraphs: Record<SubgraphName, TopologyProcess[]>;
  /** Each subgraph's round-robin front, as the gateways reach it. */
  subgraphFronts: Record<SubgraphName, RoundRobinProxy>;
  gatewayFront: RoundRobinProxy;
  logDir: string;
  /** Every process exit nobody asked for so far (crashes). */
  unexpectedExits(): string[];
  /** SIGTERM to every process, SIGKILL to those still running after `stopTimeoutMs`, then the fronts close. */
  stop(): Promise<void>;
}

/** Children still running when this process exits are killed with it, whatever path the exit takes. */
const live = new Set<TopologyProcess>();
let exitHookInstalled = false;
function killOnExit(processes: TopologyProcess[]) {
  for (const child of processes) live.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) {
      try {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone between its exit and our noticing: nothing to kill.
      }
    }
  });
}

/**
 * The supergraph as separate processes on one PostgreSQL and one Redis: `replicas` of each subgraph behind a
 * round-robin front each, `replicas` gateways (one worker each) pointed at those fronts, and a round-robin front
 * for the gateways. Every replica of a subgraph starts at once: migrations take an advisory lock and the demo
 * seed skips rows already there, so concurrent starts are safe (and this exercises it).
 */
export async function startReplicaTopology(options: ReplicaTopologyOptions): Promise<ReplicaTopology> {
  const replicas = options.replicas ?? 2;
  const progress = options.onProgress ?? (() => undefined);
  const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), 'threadly-replicas-'));
  mkdirSync(logDir, { recursive: true });
  const base = { ...inheritedEnv(), NODE_ENV: 'development', ...options.env, DATABASE_URL: options.databaseUrl, REDIS_URL: options.redisUrl };
  const started: TopologyProcess[] = [];
  const fronts: RoundRobinProxy[] = [];
  const processOf = (name: string, entry: string, port: number, env: Record<string, string>) => {
    const child = createTopologyProcess({ name, entry, cwd: ROOT, port, env, logFile: join(logDir, `${name}.log`), readyTimeoutMs });
    started.push(child);
    killOnExit([child]);
    return child;
  };

  const stop = async () => {
    const timeoutMs = options.stopTimeoutMs ?? 10_000;
    await Promise.all(
      started.map(async (child) => {
        const exited = child.kill('SIGTERM');
        const timer = setTimeout(() => void child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
        live.delete(child);
      }),
    );
    await Promise.all(fronts.map((front) => front.close()));
  };

  try {
    progress(`logs in ${logDir}`);
    const subgraphPorts = Object.fromEntries(
      await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await Promise.all(Array.from({ length: replicas }, () => findFreePort()))] as const)),
    ) as Record<SubgraphName, number[]>;
    const subgraphFronts = {} as Record<SubgraphName, RoundRobinProxy>;
    for (const name of SUBGRAPH_NAMES) {
      subgraphFronts[name] = await startRoundRobinProxy({ backends: subgraphPorts[name], port: options.frontPorts?.[name] });
      fronts.push(subgraphFronts[name]);
    }
    const catalogUrl = `${subgraphFronts.catalog.url}/graphql`;

    const subgraphs = {} as Record<SubgraphName, TopologyProcess[]>;
    for (const name of SUBGRAPH_NAMES) {
      subgraphs[name] = subgraphPorts[name].map((port, index) =>
        processOf(`${name}-${index + 1}`, `subgraphs/${name}/src/main.ts`, port, {
          ...base,
          [LISTEN_VARIABLES[name].port]: String(port),
          [LISTEN_VARIABLES[name].host]: '127.0.0.1',
          // Commerce and messaging call catalog directly (reservations, who sells a product): through its front too.
          ...(name === 'commerce' || name === 'messaging' ? { CATALOG_SUBGRAPH_URL: catalogUrl } : {}),
        }),
      );
    }
    progress(`starting ${replicas} replicas of ${SUBGRAPH_NAMES.join(', ')}`);
    await Promise.all(
      SUBGRAPH_NAMES.flatMap((name) => subgraphs[name].map((child) => child.ready().then(() => progress(`${child.name} ready at ${child.url} (pid ${child.pid})`)))),
    );

    const gatewayPorts = await Promise.all(Array.from({ length: replicas }, () => findFreePort()));
    const gatewayFront = await startRoundRobinProxy({ backends: gatewayPorts, port: options.frontPorts?.gateway });
    fronts.push(gatewayFront);
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [GATEWAY_URL_VARIABLES[name], `${subgraphFronts[name].url}/graphql`]));
    const gateways = gatewayPorts.map((port, index) =>
      processOf(`gateway-${index + 1}`, 'gateway/src/main.ts', port, {
        ...base,
        ...options.gatewayEnv,
        ...subgraphUrls,
        GATEWAY_PORT: String(port),
        GATEWAY_HOST: '127.0.0.1',
        // One process per replica: the replicas are the parallelism here, and a pid is then one gateway.
        GATEWAY_WORKERS: '1',
      }),
    );
    progress(`starting ${replicas} gateways`);
    await Promise.all(gateways.map((child) => child.ready().then(() => progress(`${child.name} ready at ${child.url} (pid ${child.pid})`))));
    progress(`gateway front at ${gatewayFront.url}/graphql`);

    return {
      gatewayUrl: gatewayFront.url,
      gateways,
      subgraphs,
      subgraphFronts,
      gatewayFront,
      logDir,
      unexpectedExits: () => started.flatMap((child) => child.unexpectedExits),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
