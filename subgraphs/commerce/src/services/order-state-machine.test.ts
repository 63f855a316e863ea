import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../generated/prisma/client.ts';
import { assertTransition, canTransition, nextStatuses } from './order-state-machine.ts';

const ALL: OrderStatus[] = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'];

describe('order state machine', () => {
  it.each([
    ['PENDING_PAYMENT', false, ['PAID', 'CANCELLED']],
    ['PAID', true, ['SHIPPED', 'CANCELLED', 'REFUNDED']],
    ['SHIPPED', true, ['DELIVERED', 'REFUNDED']],
    ['DELIVERED', true, ['REFUNDED']],
    ['CANCELLED', true, ['REFUNDED']],
    ['CANCELLED', false, []],
    ['REFUNDED', true, []],
  ] as const)('%s (paid: %s) may move to %j only', (status, paid, allowed) => {
    expect(nextStatuses({ status, paid })).toEqual(allowed);
    for (const to of ALL) expect(canTransition({ status, paid }, to), `${status} → ${to}`).toBe((allowed as readonly string[]).includes(to));
  });

  it('never lets an order go back to PENDING_PAYMENT or stay where it is', () => {
    for (const status of ALL) {
      expect(canTransition({ status, paid: true }, 'PENDING_PAYMENT')).toBe(false);
      expect(canTransition({ status, paid: true }, status)).toBe(false);
    }
  });

  it('cannot ship what was never paid, nor cancel what has shipped', () => {
    expect(canTransition({ status: 'PENDING_PAYMENT', paid: false }, 'SHIPPED')).toBe(false);
    expect(canTransition({ status: 'SHIPPED', paid: true }, 'CANCELLED')).toBe(false);
    expect(canTransition({ status: 'DELIVERED', paid: true }, 'CANCELLED')).toBe(false);
  });

  it('refuses an invalid move with BAD_USER_INPUT naming the order and both statuses', () => {
    expect(() => assertTransition('TH-000042', { status: 'SHIPPED', paid: true }, 'CANCELLED')).toThrow(
      expect.objectContaining({
        message: 'Order TH-000042 is SHIPPED and cannot become CANCELLED.',
        extensions: { code: 'BAD_USER_INPUT', from: 'SHIPPED', to: 'CANCELLED' },
      }),
    );
    expect(() => assertTransition('TH-000042', { status: 'PAID', paid: true }, 'SHIPPED')).not.toThrow();
  });
});
