import { describe, expect, it } from 'vitest';
import { createBoundedLabel, OPERATION_NAME_PATTERN } from './bounded-label.ts';

describe('createBoundedLabel', () => {
  it('keeps the first names, then answers other for new ones while the admitted ones keep their label', () => {
    const label = createBoundedLabel({ pattern: OPERATION_NAME_PATTERN, maxValues: 3 });
    expect(['A', 'B', 'C'].map(label)).toEqual(['A', 'B', 'C']);
    expect(label('D')).toBe('other');
    expect(label('B')).toBe('B');
  });

  it('never admits what does not look like a GraphQL name, nor more than the bound however many are sent', () => {
    const label = createBoundedLabel({ pattern: OPERATION_NAME_PATTERN, maxValues: 10 });
    for (const hostile of ['a b', 'x{le="1"}', 'é', '9lives', 'a'.repeat(65), '', 'other']) expect(label(hostile)).toBe('other');
    const labels = new Set(Array.from({ length: 10_000 }, (_, index) => label(`Op${index}`)));
    expect(labels.size).toBe(11);
    expect(labels.has('other')).toBe(true);
  });
});
