import fc from 'fast-check';
import { Lexer, Source, TokenKind } from 'graphql';
import { awkwardText } from './hostile-values.ts';

/** The tokens of a document as text, in order (comments and the start and end markers left out). */
export function tokensOf(document: string): string[] {
  const lexer = new Lexer(new Source(document));
  const tokens: string[] = [];
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    tokens.push(document.slice(token.start, token.end));
  }
  return tokens;
}

/** Tokens that are valid GraphQL on their own, to insert where they do not belong. */
const STRAY_TOKENS = ['{', '}', '(', ')', '[', ']', '...', '@include(if: true)', '@skip', '$x', ':', '=', '!', '|', '&', 'query', 'mutation', 'subscription', 'fragment', 'on', '__typename', '__schema { types { name } }', 'null', '1e999', '"""', '#', 'id', 'me', 'product(id: "x")'];

/** One edit of a token list: what a typo, a bad merge or a hostile client does to a real operation. */
const edit = (length: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(length - 1), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(length - 1), times: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(length - 1), with: fc.nat(length - 1) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(length), token: fc.oneof(fc.constantFrom(...STRAY_TOKENS), awkwardText.map((text) => JSON.stringify(text))) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(length) }),
  );

type Edit = ReturnType<typeof edit> extends fc.Arbitrary<infer E> ? E : never;

function apply(tokens: string[], change: Edit): string[] {
  const next = [...tokens];
  switch (change.kind) {
    case 'delete':
      next.splice(change.at, change.count);
      break;
    case 'duplicate':
      next.splice(change.at, 0, ...Array<string>(change.times).fill(next[change.at] ?? ''));
      break;
    case 'swap':
      [next[change.at], next[change.with]] = [next[change.with] ?? '', next[change.at] ?? ''];
      break;
    case 'insert':
      next.splice(change.at, 0, change.token);
      break;
    case 'truncate':
      next.length = change.at;
      break;
  }
  return next;
}

/** A real document after one to three token edits, joined back with spaces. */
export function mutatedDocument(document: string): fc.Arbitrary<string> {
  const tokens = tokensOf(document);
  return fc.array(edit(tokens.length), { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce(apply, tokens).join(' '));
}

/** A selection nested `depth` levels down a field that recurses (category children), or through fragments. */
export const deeplyNestedDocument = fc.tuple(fc.integer({ min: 5, max: 400 }), fc.boolean()).map(([depth, viaFragments]) => {
  if (!viaFragments) return `{ categories { ${'children { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
  const fragments = Array.from({ length: depth }, (_, level) => `fragment F${level} on Category { id children { ...F${level + 1} } }`);
  return `{ categories { ...F0 } } ${fragments.join(' ')} fragment F${depth} on Category { id }`;
});
