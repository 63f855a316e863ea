import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * What travels on the stream. `type` + `version` select the payload schema; consumers validate before handling,
 * so a producer bug becomes a dead-lettered event instead of a corrupted read model.
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().min(1),
  occurredAt: z.iso.datetime(),
  aggregateId: z.string().min(1),
  payload: z.unknown(),
});

export type EventEnvelope<Type extends string = string, Payload = unknown> = {
  id: string;
  type: Type;
  version: number;
  occurredAt: string;
  aggregateId: string;
  payload: Payload;
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
