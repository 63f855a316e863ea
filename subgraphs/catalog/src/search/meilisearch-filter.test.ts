import { describe, expect, it } from 'vitest';
import { buildMeilisearchFilter, buildMeilisearchSort, quoteFilterValue } from './meilisearch-filter.ts';

describe('quoteFilterValue', () => {
  it('quotes, escaping backslashes and double quotes so a value cannot close its string', () => {
    expect(quoteFilterValue("Levi's")).toBe(`"Levi's"`);
    expect(quoteFilterValue('x" OR brandKey EXISTS OR brandKey = "')).toBe(String.raw`"x\" OR brandKey EXISTS OR brandKey = \""`);
    expect(quoteFilterValue('a\\" OR 1')).toBe(String.raw`"a\\\" OR 1"`);
  });

  it('leaves no unescaped quote inside the literal, whatever the input', () => {
    for (const input of ['"', '\\', '\\"', '"\\', 'a"b"c', '\\\\"', '] OR [', "'"]) {
      const inner = quoteFilterValue(input).slice(1, -1);
      // Walk the literal as Meilisearch's lexer does: a backslash takes the next character with it.
      let unescapedQuote = false;
      for (let i = 0; i < inner.length; i += 1) {
        if (inner[i] === '\\') i += 1;
        else if (inner[i] === '"') unescapedQuote = true;
      }
      expect(unescapedQuote, input).toBe(false);
    }
  });
});

describe('buildMeilisearchFilter', () => {
  it('is empty without criteria', () => {
    expect(buildMeilisearchFilter({})).toEqual([]);
  });

  it('turns every criterion into one clause, list values into IN', () => {
    expect(
      buildMeilisearchFilter({
        categoryId: '0b9e4c1e-5f0a-4c47-9a3e-2f1d6c8b7a90',
        sellerId: 'f3a1d2c4-7b6e-4d5f-8a9b-0c1d2e3f4a5b',
        minPrice: 100,
        maxPrice: 5000,
        conditions: ['GOOD', 'FAIR'],
        sizes: ['m'],
        brands: ["levi's", 'x"y'],
        colors: ['blue'],
      }),
    ).toEqual([
      'categoryIds = "0b9e4c1e-5f0a-4c47-9a3e-2f1d6c8b7a90"',
      'sellerId = "f3a1d2c4-7b6e-4d5f-8a9b-0c1d2e3f4a5b"',
      'priceAmount >= 100',
      'priceAmount <= 5000',
      'condition IN ["GOOD", "FAIR"]',
      'sizeKey IN ["m"]',
      String.raw`brandKey IN ["levi's", "x\"y"]`,
      'colorKey IN ["blue"]',
    ]);
  });

  it('refuses a price that is not an integer rather than writing it into the expression', () => {
    expect(() => buildMeilisearchFilter({ minPrice: 1.5 })).toThrow(TypeError);
    expect(() => buildMeilisearchFilter({ maxPrice: Number.NaN })).toThrow(TypeError);
  });
});

describe('buildMeilisearchSort', () => {
  it('leaves relevance to the ranking rules, but browses newest first without a query', () => {
    expect(buildMeilisearchSort('RELEVANCE', 'jacket')).toEqual([]);
    expect(buildMeilisearchSort('RELEVANCE', '')).toEqual(['createdAt:desc', 'id:desc']);
    expect(buildMeilisearchSort('PRICE_ASC', 'jacket')).toEqual(['priceAmount:asc', 'createdAt:desc', 'id:desc']);
    expect(buildMeilisearchSort('PRICE_DESC', '')).toEqual(['priceAmount:desc', 'createdAt:desc', 'id:desc']);
    expect(buildMeilisearchSort('NEWEST', 'x')).toEqual(['createdAt:desc', 'id:desc']);
  });
});
