import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, postJson, refused, refusedBySize, type HostileCase } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

/** Real relations that lead back to where they started, so a client can nest them as deep as it likes. */
const CYCLES = [
  { name: 'product → seller → listings → edges → node', root: `product(id: "${demoIds.activeProduct}")`, cycle: ['seller', 'listings(first: 1)', 'edges', 'node'], as: null },
  { name: 'me → orders → edges → node → items → product → seller', root: 'me', cycle: ['orders(first: 1)', 'edges', 'node', 'items', 'product', 'seller'], as: 'buyer' },
  { name: 'categories → children', root: 'categories', cycle: ['children'], as: null },
  { name: 'categories → children → parent', root: 'categories', cycle: ['children', 'parent'], as: null },
  { name: 'conversation → messages → edges → node → conversation', root: `conversation(id: "${demoIds.buyersConversation}")`, cycle: ['messages(first: 1)', 'edges', 'node', 'conversation'], as: 'buyer' },
  { name: 'user → favorites → edges → node → seller', root: `user(id: "${demoIds.seller}")`, cycle: ['favorites(first: 1)', 'edges', 'node', 'seller'], as: 'seller' },
] as const;

/** `{ root { a { b { … __typename } } } }`, `depth` fields deep (the root field counts as one). */
function nestedQuery(root: string, cycle: readonly string[], depth: number) {
  const fields = [root, ...Array.from({ length: depth - 1 }, (_, index) => cycle[index % cycle.length])];
  return `{ ${fields.map((field) => `${field} {`).join(' ')} __typename ${'}'.repeat(fields.length)} }`;
}

/** A chain of `count` fragments, each one relation deeper than the last: depth hidden behind spreads. */
function fragmentChain(count: number) {
  const fragments = Array.from(
    { length: count },
    (_, index) => `fragment F${index} on User { listings(first: 1) { edges { node { seller { ${index + 1 < count ? `...F${index + 1}` : 'id'} } } } } }`,
  );
  return `{ user(id: "${demoIds.seller}") { ...F0 } } ${fragments.join(' ')}`;
}

/** Fragments that spread each other in a ring of `length`: endless if anything expanded them. */
function fragmentCycle(length: number) {
  const fragments = Array.from({ length }, (_, index) => `fragment C${index} on User { id seller: listings(first: 1) { edges { node { seller { ...C${(index + 1) % length} } } } } }`);
  return `{ user(id: "${demoIds.seller}") { ...C0 } } ${fragments.join(' ')}`;
}

/** A body whose variable `name` is `value` wrapped `depth` times, written as text (JSON.stringify would overflow the stack). */
const nestedVariable = (query: string, name: string, open: string, value: string, close: string, depth: number) =>
  postJson(`{"query":${JSON.stringify(query)},"variables":{"${name}":${open.repeat(depth)}${value}${close.repeat(depth)}}}`);

export function nestingCases(seed = 0x0e57): HostileCase[] {
  const random = seededRandom(seed);
  const cases: HostileCase[] = [];
  for (const { name, root, cycle, as } of CYCLES) {
    const headers = as ? signedInAs(as) : {};
    for (const depth of [13, random.int(14, 40), random.int(41, 120)]) {
      const query = nestedQuery(root, cycle, depth);
      cases.push(hostileCase(`depth ${depth} through ${name}`, postGraphQL(query, undefined, headers), refusedBySize(query)));
    }
  }
  cases.push(
    hostileCase('depth 700 through categories → children (over the token limit first)', postGraphQL(nestedQuery('categories', ['children'], 700)), refused.parse),
    hostileCase('depth 20 hidden in a chain of 5 fragments', postGraphQL(fragmentChain(5)), refused.validation),
    hostileCase('depth hidden in a chain of 40 fragments', postGraphQL(fragmentChain(40)), refused.validation),
    hostileCase('a fragment spreading itself', postGraphQL('{ ...Self } fragment Self on Query { categories { id } ...Self }'), refused.validation),
    hostileCase('a fragment cycle of 2 through real relations', postGraphQL(fragmentCycle(2)), refused.validation),
    hostileCase('a fragment cycle of 25 through real relations', postGraphQL(fragmentCycle(25)), refused.validation),
    hostileCase(
      '200 nested inline fragments around a field that does not exist',
      postGraphQL(`{ ${'... on Query { '.repeat(200)} secrets ${'} '.repeat(200)}}`),
      refused.validation,
    ),
    hostileCase('nested inline fragments past the token limit', postGraphQL(`{ ${'... on Query { '.repeat(600)} __typename ${'} '.repeat(600)}}`), refused.parse),
    hostileCase(
      'a list argument nested 300 levels deep (literal)',
      postGraphQL(`{ products(filter: { conditions: ${'['.repeat(300)}GOOD${']'.repeat(300)} }) { edges { cursor } } }`),
      refused.validation,
    ),
    hostileCase(
      'a list variable nested 20 000 levels deep',
      nestedVariable('query ($c: [ProductCondition!]) { products(filter: { conditions: $c }) { edges { cursor } } }', 'c', '[', '"GOOD"', ']', 20_000),
      refused.variables,
    ),
    hostileCase(
      'an input object variable nested 5 000 levels deep',
      nestedVariable('query ($f: ProductFilter) { products(filter: $f) { edges { cursor } } }', 'f', '{"conditions":', '["GOOD"]', '}', 5_000),
      refused.variables,
    ),
    hostileCase('a JSON body nested 40 000 arrays deep', postJson(`${'['.repeat(40_000)}${']'.repeat(40_000)}`), refused.badRequest),
    hostileCase('a JSON body nested 15 000 objects deep', postJson(`${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}`), refused.badRequest),
  );
  return cases;
}
