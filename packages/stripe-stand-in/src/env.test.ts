import { describe, expect, it } from 'vitest';
import { loadStandInEnv } from './env.ts';

describe('loadStandInEnv', () => {
  it('defaults to 127.0.0.1:12111 without webhooks', () => {
    expect(loadStandInEnv({})).toEqual({ STRIPE_STAND_IN_PORT: 12111, STRIPE_STAND_IN_HOST: '127.0.0.1' });
  });

  it('reads a port and a webhook endpoint', () => {
    const env = loadStandInEnv({ STRIPE_STAND_IN_PORT: '4242', STRIPE_STAND_IN_WEBHOOK_URL: 'http://127.0.0.1:4003/webhooks/stripe', STRIPE_STAND_IN_WEBHOOK_SECRET: 'whsec_x' });
    expect(env).toMatchObject({ STRIPE_STAND_IN_PORT: 4242, STRIPE_STAND_IN_WEBHOOK_SECRET: 'whsec_x' });
  });

  it('names each bad variable', () => {
    expect(() => loadStandInEnv({ STRIPE_STAND_IN_PORT: 'eighty' })).toThrow('Invalid configuration: STRIPE_STAND_IN_PORT — expected a port number.');
    expect(() => loadStandInEnv({ STRIPE_STAND_IN_WEBHOOK_URL: 'http://127.0.0.1:1/x' })).toThrow(/STRIPE_STAND_IN_WEBHOOK_SECRET/);
  });
});
