import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { runGatewayCluster } from './cluster/gateway-cluster.ts';
import { loadGatewayEnv } from './env.ts';
import { runGatewayProcess } from './gateway-process.ts';

// Configuration is validated here, before any worker is forked, so a bad variable is reported once.
const env = loadConfigOrExit(() => loadGatewayEnv());
const logger = createLogger('gateway', env.LOG_LEVEL);
const workers = env.GATEWAY_WORKERS ?? availableParallelism();

if (cluster.isPrimary && workers > 1) runGatewayCluster({ cluster, workers, logger });
// One worker needs no primary: the process is the gateway (and whatever supervises it restarts it).
else await runGatewayProcess(env, logger, { clustered: cluster.isWorker });
