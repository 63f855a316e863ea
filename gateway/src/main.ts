import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { loadConfigOrExit } from '@threadly/config';
import { createLogger } from '@threadly/logger';
import { startTracing, tracingOptionsFromEnv } from '@threadly/tracing';
import { runGatewayCluster } from './cluster/gateway-cluster.ts';
import { loadGatewayEnv } from './env.ts';
import { runGatewayProcess } from './gateway-process.ts';

// Configuration is validated here, before any worker is forked, so a bad variable is reported once.
const env = loadConfigOrExit(() => loadGatewayEnv());
const workers = env.GATEWAY_WORKERS ?? availableParallelism();
const primaryOnly = cluster.isPrimary && workers > 1;
// Each process that serves requests traces them; a cluster's primary serves none. Tracing starts before the logger
// exists, whose lines carry trace ids only if it is on by then. @apollo/gateway's spans need no ordering: it asks
// the OpenTelemetry API for its tracer, which forwards to whatever provider is registered.
const tracing = primaryOnly ? undefined : await startTracing(tracingOptionsFromEnv(env, 'gateway'));
const logger = createLogger('gateway', env.LOG_LEVEL);

if (primaryOnly) runGatewayCluster({ cluster, workers, logger });
// One worker needs no primary: the process is the gateway (and whatever supervises it restarts it).
else await runGatewayProcess(env, logger, { clustered: cluster.isWorker, tracing });
