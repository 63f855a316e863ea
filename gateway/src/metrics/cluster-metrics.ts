import type { Cluster } from 'node:cluster';
import { AggregatorRegistry, Gauge, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';
import { CACHE_LOOKUPS_METRIC, registerHitRatioGauge } from './cache-metrics.ts';
import { METRIC_PREFIX } from './metrics-registry.ts';
import type { RenderMetrics } from '@threadly/metrics';

// Under node:cluster a scrape reaches one worker (the kernel picks which), so that worker asks the primary, which
// collects every worker's registry, sums them (prom-client's aggregation: counters and most gauges summed, per-
// process ones such as start time omitted) and answers with the cluster's figures. Messages are tagged so they
// never collide with other IPC.
const SNAPSHOT_REQUEST = 'threadly:metrics-snapshot';
const SNAPSHOT_RESULT = 'threadly:metrics-snapshot-result';
const CLUSTER_REQUEST = 'threadly:cluster-metrics';
const CLUSTER_RESULT = 'threadly:cluster-metrics-result';
const TIMEOUT_MS = 5_000;

type Message = { type?: string; id?: number; metrics?: MetricObjectWithValues<MetricValue<string>>[]; contentType?: string; body?: string; error?: string };
const isMessage = (value: unknown): value is Message => typeof value === 'object' && value !== null && 'type' in value;

/** Worker side: answers the primary's snapshot requests with this worker's registry. */
export function answerMetricsSnapshots(registry: Registry) {
  process.on('message', (message: unknown) => {
    if (!isMessage(message) || message.type !== SNAPSHOT_REQUEST) return;
    void registry.getMetricsAsJSON().then((metrics) => process.send?.({ type: SNAPSHOT_RESULT, id: message.id, metrics }));
  });
}

/** Worker side: what `GET /metrics` renders, the cluster's summed metrics, asked of the primary. */
export function renderClusterMetrics(): RenderMetrics {
  let nextId = 0;
  const pending = new Map<number, (message: Message) => void>();
  process.on('message', (message: unknown) => {
    if (isMessage(message) && message.type === CLUSTER_RESULT) pending.get(message.id ?? -1)?.(message);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => settle({ error: 'the cluster primary did not answer with metrics' }), TIMEOUT_MS);
      function settle(message: Message) {
        clearTimeout(timer);
        pending.delete(id);
        if (message.body !== undefined && message.contentType) resolve({ contentType: message.contentType, body: message.body });
        else reject(new Error(message.error ?? 'no metrics'));
      }
      pending.set(id, settle);
      process.send?.({ type: CLUSTER_REQUEST, id });
    });
}

/** Primary side: answers workers' `/metrics` requests with every live worker's registry, summed. */
export function serveClusterMetrics(cluster: Cluster) {
  let nextId = 0;
  const snapshots = new Map<number, { remaining: Set<number>; metrics: Message['metrics'][]; done: () => void }>();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === SNAPSHOT_RESULT) {
      const gathering = snapshots.get(message.id ?? -1);
      if (!gathering?.remaining.delete(worker.id)) return;
      gathering.metrics.push(message.metrics);
      if (gathering.remaining.size === 0) gathering.done();
    } else if (message.type === CLUSTER_REQUEST) {
      void aggregate().then(
        (result) => worker.isConnected() && worker.send({ type: CLUSTER_RESULT, id: message.id, ...result }),
        (error: Error) => worker.isConnected() && worker.send({ type: CLUSTER_RESULT, id: message.id, error: error.message }),
      );
    }
  });

  async function aggregate() {
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker?.isConnected());
    const id = nextId++;
    const metrics: Message['metrics'][] = [];
    // A worker that is starting or dying may never answer: the scrape carries on with those that did.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      snapshots.set(id, { remaining: new Set(workers.map((worker) => worker!.id)), metrics, done });
      for (const worker of workers) worker!.send({ type: SNAPSHOT_REQUEST, id });
      if (workers.length === 0) done();
    });
    snapshots.delete(id);
    const registry = AggregatorRegistry.aggregate(metrics.filter((m): m is NonNullable<typeof m> => Array.isArray(m)));
    registerHitRatioGauge(registry, async () => (await registry.getSingleMetric(CACHE_LOOKUPS_METRIC)?.get())?.values ?? []);
    new Gauge({ name: `${METRIC_PREFIX}cluster_workers`, help: 'Gateway workers whose metrics this scrape summed.', registers: [registry] }).set(metrics.length);
    return { contentType: registry.contentType, body: await registry.metrics() };
  }
}
