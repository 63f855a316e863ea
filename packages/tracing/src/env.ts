import { parseEnv } from '@threadly/config';
import { z } from 'zod';

/**
 * Tracing's variables, under the names every OpenTelemetry SDK reads, so a collector's usual setup applies as is.
 * Unset OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): no tracing at all.
 */
export const tracingEnvShape = {
  /** The collector's base URL; traces go to `<endpoint>/v1/traces` (OTLP over HTTP, JSON). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, message: 'expected the http(s) URL of an OTLP/HTTP collector' }).optional(),
  /** The full URL traces are posted to, when it is not `<endpoint>/v1/traces`; takes precedence over the above. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, message: 'expected the http(s) URL traces are posted to' }).optional(),
  /** Headers sent with every export (`api-key=…,x-tenant=…`, values URL-encoded), e.g. a hosted collector's key. */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .refine((value) => parseOtlpHeaders(value) !== undefined, 'expected name=value pairs separated by commas')
    .optional(),
  /** Overrides the process's own name (`gateway`, `catalog`, …, `threadly` for `npm start`). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /**
   * The share of new traces recorded (0 to 1). Parent-based: a request that arrives with a sampled `traceparent`
   * is always recorded, so a trace is complete or absent, never cut between gateway and subgraphs.
   */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number({ message: 'expected a ratio between 0 and 1' }).min(0).max(1).default(1),
};

export type TracingEnv = z.infer<z.ZodObject<typeof tracingEnvShape>>;

export interface TracingOptions {
  serviceName: string;
  /** Where spans are posted; undefined: tracing is off. */
  tracesUrl: string | undefined;
  headers: Record<string, string>;
  /** The share of root traces recorded, 0 to 1. */
  samplingRatio: number;
}

/** Only tracing's variables, for an entry point that must start tracing before it imports the rest. */
export const loadTracingEnv = (source: Record<string, string | undefined> = process.env): TracingEnv => parseEnv(tracingEnvShape, source);

/** What `startTracing` needs, from the variables; `serviceName` is used unless OTEL_SERVICE_NAME is set. */
export function tracingOptionsFromEnv(env: TracingEnv, serviceName: string): TracingOptions {
  return {
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    tracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined),
    headers: env.OTEL_EXPORTER_OTLP_HEADERS ? (parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS) ?? {}) : {},
    samplingRatio: env.OTEL_TRACES_SAMPLER_ARG,
  };
}

/** The OTLP exporter's header list (W3C Baggage-like: `a=1,b=x%20y`); undefined when a pair has no name or `=`. */
export function parseOtlpHeaders(value: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const pair of value.split(',')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    if (at <= 0 || !/^[!#$%&'*+.^_`|~\w-]+$/.test(name)) return undefined;
    try {
      headers[name.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return headers;
}
