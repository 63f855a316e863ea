import fc from 'fast-check';
import { demoIds } from '../hostile/demo-fixtures.ts';

/** Text a field might choke on: other scripts, emoji, control and invisible characters, lone surrogates. */
export const awkwardText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202eevil\u202c',
    '\u200b\u200d\ufeff',
    'Zürich 東京 مرحبا 🧥👗🏳️‍🌈',
    '\r\n\t\v\f',
    "'; DROP TABLE \"catalog\".\"Product\"; --",
    '${{constructor.constructor("return process")()}}',
    '__proto__',
    '<script>alert(1)</script>',
  ),
);

/** Numbers at and past every limit JSON and GraphQL's Int and Float have. */
export const extremeNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 5e-324, 0.1, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Ids the demo data has (so a request can reach real rows) and ids it cannot have. */
export const someId = fc.oneof(
  fc.constantFrom(demoIds.activeProduct, demoIds.sellersDraft, demoIds.buyersOrder, demoIds.buyersConversation, demoIds.categoryId, demoIds.buyer, demoIds.seller),
  fc.uuid(),
  fc.constantFrom('', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '1', '-1', 'TH-000001'),
);

/**
 * JSON text spliced into a body as it is (see `serializeBody`): a value too deep for this process's own
 * JSON.stringify, which recurses, to build.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Deeply nested JSON: arrays or objects `depth` levels down. */
export const deepJson = fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean()).map(
  ([depth, asArrays]) => new RawJson(asArrays ? `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`),
);

/** JSON.stringify, with each RawJson's text in its place. */
export function serializeBody(body: unknown): string {
  const raw: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!(value instanceof RawJson)) return value;
    raw.push(value.text);
    return `\u0000fuzz-raw-json:${raw.length - 1}\u0000`;
  });
  return text.replace(/"\\u0000fuzz-raw-json:(\d+)\\u0000"/g, (_match, index: string) => raw[Number(index)] ?? 'null');
}

/** A long string, up to most of the gateway's body limit (100 kB). */
export const hugeString = fc.tuple(fc.integer({ min: 1_000, max: 80_000 }), fc.constantFrom('a', 'é', '🧥', '\\', '"', ' ')).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Any value at all where a variable goes: the wrong type, the wrong shape, or absurd sizes. */
export const anyVariableValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: awkwardText, weight: 3 },
  { arbitrary: extremeNumber, weight: 3 },
  { arbitrary: someId, weight: 2 },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  {
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      [],
      {},
      [null],
      // Own "__proto__" and "constructor" keys, as a JSON body can carry them.
      JSON.parse('{"__proto__":{"polluted":true}}'),
      JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    ),
    weight: 2,
  },
);

/** A value that fits a variable's declared type well enough to get past coercion, for operations that really run. */
export function plausibleValue(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'ID':
      return someId;
    case 'Int':
      return fc.oneof(fc.integer({ min: 0, max: 30 }), extremeNumber.filter(Number.isInteger));
    case 'String':
      return fc.oneof(fc.constantFrom('jumper', 'Zara', demoIds.categorySlug, ''), awkwardText);
    case 'Boolean':
      return fc.boolean();
    case 'OrderRole':
      return fc.constantFrom('BUYER', 'SELLER');
    case 'ProductSearchSort':
      return fc.constantFrom('RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC');
    case 'ProductFilter':
    case 'ProductSearchFilter':
      return fc.record({ categoryId: someId, minPrice: extremeNumber, maxPrice: extremeNumber, brands: fc.array(awkwardText, { maxLength: 25 }) }, { requiredKeys: [] });
    case 'UpdateProfileInput':
      return fc.record({ displayName: awkwardText, bio: fc.oneof(awkwardText, hugeString), location: awkwardText, imageUrl: awkwardText }, { requiredKeys: [] });
    case 'CheckoutInput':
      return fc.record({
        shippingAddress: fc.record({ name: awkwardText, line1: awkwardText, city: awkwardText, postalCode: awkwardText, country: fc.constantFrom('DE', 'XX', 'de', '') }),
      });
    default:
      return anyVariableValue;
  }
}
