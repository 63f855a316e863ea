import { describe, expect, it } from 'vitest';
import { commerceSettingsFromEnv } from '../src/create-commerce-subgraph.ts';
import { loadCommerceEnv } from '../src/env.ts';

const production = { NODE_ENV: 'production', IDENTITY_HEADER_SECRET: 'x'.repeat(40) };

describe('commerce configuration', () => {
  it('runs on development defaults: a test-mode Stripe key, 15-minute reservations, 4.95 shipping', () => {
    const settings = commerceSettingsFromEnv(loadCommerceEnv({}));
    expect(settings.stripe.secretKey).toMatch(/^sk_test_/);
    expect(settings.stripe.apiBase).toBeUndefined();
    expect(settings.checkout).toEqual({ reservationMs: 15 * 60_000, shippingAmount: 495 });
  });

  it('refuses the development Stripe key or webhook secret in production', () => {
    expect(() => loadCommerceEnv(production)).toThrow(/STRIPE_SECRET_KEY — the development default is refused/);
    expect(() => loadCommerceEnv({ ...production, STRIPE_SECRET_KEY: 'sk_live_abc123' })).toThrow(/STRIPE_WEBHOOK_SECRET — the development default is refused/);
    const env = loadCommerceEnv({ ...production, STRIPE_SECRET_KEY: 'sk_live_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_real' });
    expect(env.STRIPE_SECRET_KEY).toBe('sk_live_abc123');
  });

  it('names a malformed Stripe setting', () => {
    expect(() => loadCommerceEnv({ STRIPE_SECRET_KEY: 'pk_test_123' })).toThrow(/STRIPE_SECRET_KEY — expected a Stripe secret key/);
    expect(() => loadCommerceEnv({ STRIPE_API_BASE: 'ftp://stand-in' })).toThrow(/STRIPE_API_BASE/);
  });
});
