import { describe, expect, it } from 'vitest';
import { decodeStripeForm } from './form-decoding.ts';
import { StripeApiError } from './stripe-errors.ts';

describe('decodeStripeForm', () => {
  it('nests bracket notation and keeps every leaf a string', () => {
    const params = decodeStripeForm('amount=4500&metadata[order_id]=o_1&metadata[note]=a%20b%26c&automatic_payment_methods[enabled]=true');
    expect(JSON.parse(JSON.stringify(params))).toEqual({
      amount: '4500',
      metadata: { order_id: 'o_1', note: 'a b&c' },
      automatic_payment_methods: { enabled: 'true' },
    });
  });

  it('reads indexed, appended and percent-encoded brackets as index-keyed records', () => {
    const params = decodeStripeForm('payment_method_types[0]=card&payment_method_types[1]=link&expand[]=latest_charge&expand%5B%5D=x');
    expect(JSON.parse(JSON.stringify(params))).toEqual({ payment_method_types: { 0: 'card', 1: 'link' }, expand: { 0: 'latest_charge', 1: 'x' } });
  });

  it('refuses a name that is both a value and a hash, and absurd nesting', () => {
    expect(() => decodeStripeForm('metadata=x&metadata[a]=b')).toThrow(StripeApiError);
    expect(() => decodeStripeForm('a[b][c][d][e][f][g]=1')).toThrow(/nested too deeply/);
  });

  it('cannot be used to reach Object.prototype', () => {
    const params = decodeStripeForm('__proto__[polluted]=yes&metadata[__proto__]=x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(params)).toContain('__proto__');
  });
});
