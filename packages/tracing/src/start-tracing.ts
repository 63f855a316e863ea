import { context, propagation, trace } from '@opentelemetry/api';
import type { TracingOptions } from './env.ts';
import { setTracingEnabled } from './tracing-state.ts';

export interface Tracing {
  /** False when no endpoint is configured: nothing was registered. */
  enabled: boolean;
  /** Exports the spans still queued, then unregisters everything; call before the process exits. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };

/**
 * Starts OpenTelemetry for this process when `tracesUrl` is set, and does nothing at all otherwise: no provider, no
 * instrumentation, the SDK not even loaded (it is imported here, on demand), so @apollo/gateway's spans and ours
 * stay the API's no-ops.
 *
 * Configured: a NodeTracerProvider (AsyncLocalStorage context manager, W3C trace-context propagator), spans batched
 * to the OTLP/HTTP exporter, and Prisma's instrumentation. Entry points call it before they create loggers (whose
 * trace fields depend on it); no module needs loading after it, see registerPrismaInstrumentation.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  if (!options.tracesUrl) return OFF;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { W3CTraceContextPropagator }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }, { ThreadlySampler }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/semantic-conventions'),
      import('./threadly-sampler.ts'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    sampler: new ThreadlySampler(options.samplingRatio),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.tracesUrl, headers: options.headers }))],
  });
  // register() installs the AsyncLocalStorage context manager unless told otherwise; the propagator is W3C
  // trace-context alone (no baggage: nothing of ours reads it, and it would forward client data to subgraphs).
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const unregisterInstrumentations = await registerPrismaInstrumentation();
  setTracingEnabled(true);
  let stopped = false;
  return {
    enabled: true,
    shutdown: async () => {
      // Both signals may arrive (Ctrl-C reaches every process of a group): the second call has nothing to do.
      if (stopped) return;
      stopped = true;
      setTracingEnabled(false);
      unregisterInstrumentations();
      // A collector that is down or slow costs the last spans, never a clean exit.
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * Prisma's spans for every query made through a Prisma client (`prisma:client:operation`, `…:compile`,
 * `…:db_query` with the parameterised SQL — `$1`, never the values), raw `$queryRaw` search
 * SQL included. Prisma 7 reads the hook from a global on every call, so when this runs does not matter.
 *
 * pg's own instrumentation is not used: within a request every statement goes through Prisma, so it would only
 * repeat Prisma's query spans; the SQL sent on the pool directly (outbox relay, migrations, readiness probes) runs
 * outside any request, where nothing is traced (see ThreadlySampler). It would also have to patch `pg` before
 * anything imports it, which under ESM means reordering every entry point for no new information.
 */
async function registerPrismaInstrumentation() {
  const { PrismaInstrumentation, registerInstrumentations } = await import('@prisma/instrumentation');
  return registerInstrumentations({
    // serialize and connect say nothing a reader of a request's trace needs; the operation, compile and query do.
    instrumentations: [new PrismaInstrumentation({ ignoreSpanTypes: ['prisma:client:serialize', 'prisma:client:connect'] })],
  });
}
