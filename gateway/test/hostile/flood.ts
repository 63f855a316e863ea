import { hostileCase, postGraphQL, type HostileCase } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

/** The anonymous limit of the rate-limited gateway the flood is sent to. */
export const FLOOD_LIMITS = { windowSeconds: 60, user: 10, anonymous: 10, partner: 10 };

/**
 * What one address keeps sending once its budget is spent: plain queries, queries claiming other addresses in
 * X-Forwarded-For (the gateway trusts no proxy here), and guessed tokens (a refused credential costs its sender
 * too). Every one must get 429 RATE_LIMITED.
 */
export function floodCases(seed = 0xf100d): HostileCase[] {
  const random = seededRandom(seed);
  const ip = () => `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
  const limited = { status: 429, code: 'RATE_LIMITED' } as const;
  return [
    ...Array.from({ length: 5 }, (_, i) => hostileCase(`flood #${i + 1}: the same query again`, postGraphQL('{ categories { id } }'), limited)),
    ...Array.from({ length: 5 }, (_, i) => {
      const spoofed = ip();
      return hostileCase(`flood #${i + 6}: claiming to be ${spoofed} in X-Forwarded-For`, postGraphQL('{ categories { id } }', undefined, { 'x-forwarded-for': spoofed }), limited);
    }),
    ...Array.from({ length: 4 }, (_, i) => hostileCase(`flood #${i + 11}: a guessed token`, postGraphQL('{ me { id } }', undefined, { authorization: `Bearer ${random.string(120)}` }), limited)),
    hostileCase('flood #15: an expensive page of products', postGraphQL('{ products(first: 100) { edges { node { id seller { displayName } } } } }'), limited),
  ];
}
