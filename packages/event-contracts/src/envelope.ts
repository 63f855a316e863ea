import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** W3C trace-context `traceparent`: version, trace id, parent id, flags (https://www.w3.org/TR/trace-context/#traceparent-header). */
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}(-.*)?$/;

/**
 * What travels on the stream. `type` + `version` select the payload schema; consumers validate before handling,
 * so a producer bug becomes a dead-lettered event instead of a corrupted read model.
 *
 * `traceparent` / `tracestate` (optional, added without a version bump: events written before them, or with
 * tracing off, simply have none) are the W3C trace context the event was created in, so what it causes joins the
 * trace of the request that caused it. They are diagnostics, never a reason to refuse an event: a malformed one is
 * dropped, not dead-lettered.
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  aggregateId: z.string().min(1),
  payload: z.unknown(),
  traceparent: z.string().regex(TRACEPARENT).optional().catch(undefined),
  // The W3C limit is 32 list members; 512 characters is what propagators are asked to keep at least.
  tracestate: z.string().max(512).optional().catch(undefined),
});

export type EventEnvelope<Type extends string = string, Payload = unknown> = {
  id: string;
  type: Type;
  version: number;
  occurredAt: string;
  aggregateId: string;
  payload: Payload;
  /** W3C trace context the event was created in (absent when tracing was off or the event predates it). */
  traceparent?: string;
  tracestate?: string;
};

export interface EventDefinition<Type extends string, Schema extends z.ZodType> {
  type: Type;
  version: number;
  schema: Schema;
  /** A new envelope for this event, its payload validated now so a bad event never reaches the outbox. */
  create(aggregateId: string, payload: z.input<Schema>, occurredAt?: Date): EventEnvelope<Type, z.output<Schema>>;
}

export function defineEvent<const Type extends string, Schema extends z.ZodType>(type: Type, version: number, schema: Schema): EventDefinition<Type, Schema> {
  return {
    type,
    version,
    schema,
    create: (aggregateId, payload, occurredAt = new Date()) => ({
      id: randomUUID(),
      type,
      version,
      occurredAt: occurredAt.toISOString(),
      aggregateId,
      payload: schema.parse(payload),
    }),
  };
}
