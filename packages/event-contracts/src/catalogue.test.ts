import { describe, expect, it } from 'vitest';
import { EVENT_DEFINITIONS, InvalidEventError, orderPaid, parseDomainEvent, userDeleted } from './index.ts';

const id = '7b4e2c1a-3f5d-4e6a-8b9c-0d1e2f3a4b5c';

describe('event contracts', () => {
  it('covers every event the backbone must carry', () => {
    expect(EVENT_DEFINITIONS.map((definition) => definition.type).sort()).toEqual(
      [
        'conversation.read', 'message.sent', 'order.cancelled', 'order.delivered', 'order.paid', 'order.placed', 'order.refunded', 'order.shipped',
        'product.created', 'product.status_changed', 'product.updated', 'user.deleted', 'user.updated',
      ].sort(),
    );
  });

  it('round-trips an event through JSON, typed by its type', () => {
    const event = orderPaid.create(id, { orderId: id, buyerId: id, sellerId: id, productIds: [id], paymentIntentId: 'pi_1' });
    const parsed = parseDomainEvent(JSON.parse(JSON.stringify(event)));
    expect(parsed).toEqual(event);
    if (parsed.type === 'order.paid') expect(parsed.payload.paymentIntentId).toBe('pi_1');
  });

  it('refuses to create an event whose payload does not match its schema', () => {
    expect(() => userDeleted.create(id, { userId: 'not-a-uuid' })).toThrow();
  });

  it('rejects unknown types, unknown versions and bad payloads when reading', () => {
    const event = userDeleted.create(id, { userId: id });
    expect(() => parseDomainEvent({ ...event, type: 'user.exploded' })).toThrow(InvalidEventError);
    expect(() => parseDomainEvent({ ...event, version: 2 })).toThrow(/unknown event user.deleted version 2/);
    expect(() => parseDomainEvent({ ...event, payload: { userId: 42 } })).toThrow(/payload: userId/);
    expect(() => parseDomainEvent('garbage')).toThrow(/malformed event envelope/);
  });

  it('carries an optional W3C trace context, and reads events written before it existed', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traced = { ...userDeleted.create(id, { userId: id }), traceparent, tracestate: 'vendor=opaque' };
    expect(parseDomainEvent(JSON.parse(JSON.stringify(traced)))).toMatchObject({ traceparent, tracestate: 'vendor=opaque' });
    // An event already in a stream or an outbox has neither field, and parses exactly as before.
    const old = userDeleted.create(id, { userId: id });
    expect(Object.keys(parseDomainEvent(JSON.parse(JSON.stringify(old)))).sort()).toEqual(['aggregateId', 'id', 'occurredAt', 'payload', 'type', 'version']);
  });

  it('drops a malformed trace context instead of refusing the event', () => {
    const event = userDeleted.create(id, { userId: id });
    const parsed = parseDomainEvent({ ...event, traceparent: 'not-a-traceparent', tracestate: 'x'.repeat(600) });
    expect(parsed).toMatchObject({ id: event.id, payload: { userId: id } });
    expect(parsed.traceparent).toBeUndefined();
    expect(parsed.tracestate).toBeUndefined();
  });
});
