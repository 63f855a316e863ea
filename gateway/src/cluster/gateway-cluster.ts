import type { Cluster, Worker } from 'node:cluster';
import type { Logger } from '@threadly/logger';
import { serveClusterMetrics } from '../metrics/cluster-metrics.ts';

export interface GatewayClusterOptions {
  cluster: Cluster;
  workers: number;
  logger: Logger;
  /** How long workers get to finish requests in flight after SIGTERM before they are killed. */
  shutdownGraceMs?: number;
}

/** A worker that dies sooner than this after it started counts as crashing at start (restarts back off). */
const HEALTHY_AFTER_MS = 10_000;
const MAX_RESTART_DELAY_MS = 5_000;

/**
 * The primary of the gateway's node:cluster: it serves no request itself. It forks `workers` gateway processes
 * (they share the listening socket; the primary hands connections out round-robin), replaces a worker that dies,
 * backing off when workers keep dying at start, and on SIGTERM/SIGINT asks every worker to stop gracefully, kills
 * those still running after the grace period, and exits.
 */
export function runGatewayCluster({ cluster, workers, logger, shutdownGraceMs = 15_000 }: GatewayClusterOptions) {
  let stopping = false;
  let restartDelayMs = 0;
  const startedAt = new Map<number, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  serveClusterMetrics(cluster);
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    restartDelayMs = lived >= HEALTHY_AFTER_MS ? 0 : Math.min(MAX_RESTART_DELAY_MS, Math.max(100, restartDelayMs * 2));
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: restartDelayMs }, 'gateway worker died; starting another');
    setTimeout(() => !stopping && fork(), restartDelayMs);
  });

  for (let i = 0; i < workers; i += 1) fork();
  logger.info({ workers }, 'gateway cluster started');

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping gateway workers');
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    const killer = setTimeout(() => {
      for (const worker of running) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, shutdownGraceMs);
    void Promise.all(running.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(null) : worker.once('exit', resolve))))).then(() => {
      clearTimeout(killer);
      logger.info('gateway workers stopped');
      process.exit(0);
    });
    for (const worker of running) worker.process.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
}
