import { describe, expect, it } from 'vitest';
import { negotiateContentCoding } from './compression.ts';

describe('negotiateContentCoding', () => {
  it('picks what the client weights highest, Brotli on a tie', () => {
    expect(negotiateContentCoding('gzip, deflate, br')).toBe('br');
    expect(negotiateContentCoding('gzip')).toBe('gzip');
    expect(negotiateContentCoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiateContentCoding('GZIP;Q=1, br;q=0.9')).toBe('gzip');
    expect(negotiateContentCoding('*')).toBe('br');
    expect(negotiateContentCoding('*;q=0.1, br;q=0')).toBe('gzip');
    expect(negotiateContentCoding(['gzip', 'br'])).toBe('br');
  });

  it('compresses nothing for a client that accepts neither', () => {
    for (const header of [undefined, '', 'identity', 'deflate', 'gzip;q=0, br;q=0', '*;q=0', 'gzip;q=abc']) {
      expect(negotiateContentCoding(header)).toBeUndefined();
    }
  });
});
