import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from './json-codec.ts';

describe('JSON codec', () => {
  it('brings dates back as dates and leaves date-like strings alone', () => {
    const createdAt = new Date('2026-11-21T10:00:00.000Z');
    const decoded = decodeJson<{ createdAt: Date; readAt: null; body: string; nested: Array<{ at: Date }> }>(
      encodeJson({ createdAt, readAt: null, body: '2026-11-21T10:00:00.000Z', nested: [{ at: createdAt }] }),
    );
    expect(decoded.createdAt).toBeInstanceOf(Date);
    expect(decoded.createdAt.getTime()).toBe(createdAt.getTime());
    expect(decoded.nested[0]!.at).toBeInstanceOf(Date);
    expect(decoded.body).toBe('2026-11-21T10:00:00.000Z');
    expect(decoded.readAt).toBeNull();
  });

  it('does not revive an object that only resembles the tag', () => {
    expect(decodeJson(encodeJson({ $date: '2026-11-21', other: 1 }))).toEqual({ $date: '2026-11-21', other: 1 });
    expect(decodeJson(encodeJson({ text: '{"$date":"2026-11-21T10:00:00.000Z"}' }))).toEqual({ text: '{"$date":"2026-11-21T10:00:00.000Z"}' });
  });
});
