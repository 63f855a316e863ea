import { describe, expect, it } from 'vitest';
import { toHighlightHtml, HIGHLIGHT_END as E, HIGHLIGHT_START as S } from './highlight.ts';
import { fashionSynonyms, synonymsOf } from './fashion-synonyms.ts';
import { toMeilisearchDocument } from './search-documents.ts';

describe('toMeilisearchDocument', () => {
  it('keeps what facets show, adds lower-cased keys for filters and epoch times for sorting', () => {
    const createdAt = new Date('2026-03-01T10:00:00.000Z');
    const sourceUpdatedAt = new Date('2026-03-02T10:00:00.000Z');
    expect(
      toMeilisearchDocument({
        productId: 'p1', sellerId: 's1', categoryId: 'c2', categoryPath: ['c1', 'c2'], categoryNames: ['Women', 'Jackets'],
        title: 'Denim jacket', description: 'Blue.', brand: " Levi's", size: 'M', color: null, condition: 'GOOD',
        priceAmount: 4500, currency: 'EUR', createdAt, sourceUpdatedAt,
      }),
    ).toEqual({
      id: 'p1', title: 'Denim jacket', description: 'Blue.', brand: " Levi's", size: 'M', color: null,
      categoryNames: ['Women', 'Jackets'], categoryId: 'c2', categoryIds: ['c1', 'c2'], sellerId: 's1', condition: 'GOOD',
      priceAmount: 4500, currency: 'EUR', brandKey: "levi's", sizeKey: 'm', colorKey: null,
      createdAt: createdAt.getTime(), sourceUpdatedAt: sourceUpdatedAt.getTime(),
    });
  });
});

describe('toHighlightHtml', () => {
  it('turns the engine markers into <mark> and escapes everything else', () => {
    expect(toHighlightHtml(`Vintage ${S}denim${E} jacket`)).toBe('Vintage <mark>denim</mark> jacket');
    expect(toHighlightHtml(`<script>${S}x${E} & "y"`)).toBe('&lt;script&gt;<mark>x</mark> &amp; &quot;y&quot;');
  });

  it('is null when nothing was marked', () => {
    expect(toHighlightHtml('Vintage denim jacket')).toBeNull();
    expect(toHighlightHtml(null)).toBeNull();
  });
});

describe('fashion synonyms', () => {
  it('are mutual, and reduced to single words for PostgreSQL', () => {
    expect(fashionSynonyms.sneakers).toEqual(['trainers', 'kicks']);
    expect(fashionSynonyms.trainers).toContain('sneakers');
    expect(synonymsOf('tee')).toEqual(['tee', 'tshirt']);
    expect(synonymsOf('scarf')).toEqual(['scarf']);
  });
});
