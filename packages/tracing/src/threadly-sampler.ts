import { SpanKind, trace, isSpanContextValid, type Attributes, type Context, type Link } from '@opentelemetry/api';
import {
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

const DROP: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

/**
 * Parent-based ratio sampling with one rule of our own: only a request (a SERVER span) or a consumed message
 * (CONSUMER) may start a trace. Background work — the outbox relay and checkout expiry sweeps querying through
 * Prisma, Prisma disconnecting — would otherwise open a trace per poll and bury the requests in the collector.
 * Domain events fit the rule: the relay's PRODUCER span is only made for an event that carries a context (its
 * parent), and a consumer's CONSUMER span continues that context or, for an event without one, starts a trace.
 */
export class ThreadlySampler implements Sampler {
  private readonly parentBased: Sampler;

  constructor(ratio: number) {
    this.parentBased = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const parent = trace.getSpan(context);
    const isRoot = !parent || !isSpanContextValid(parent.spanContext());
    if (isRoot && spanKind !== SpanKind.SERVER && spanKind !== SpanKind.CONSUMER) return DROP;
    return this.parentBased.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString() {
    return `ThreadlySampler{${this.parentBased.toString()}}`;
  }
}
