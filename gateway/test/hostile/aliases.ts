import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, refused, refusedBySize, type HostileCase } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

/** Fields that cost a subgraph real work: a full page of products with relations, a user's listings. */
const EXPENSIVE = [
  'products(first: 100) { edges { node { id seller { displayName } favoritesCount } } }',
  `user(id: "${demoIds.seller}") { listings(first: 100) { edges { node { id images { url } } } } }`,
  'categories { children { children { productCount } } }',
];

const ROOT_FIELDS = ['categories { id }', 'products { edges { cursor } }', 'me { id }', `user(id: "${demoIds.seller}") { id }`, `category(slug: "${demoIds.categorySlug}") { id }`];

const times = (count: number, item: (index: number) => string) => Array.from({ length: count }, (_, index) => item(index)).join(' ');

/** Alias bombs, duplicated fields, directive floods, too many root fields and token floods. */
export function aliasCases(seed = 0xa11a5): HostileCase[] {
  const random = seededRandom(seed);
  const cases: HostileCase[] = [];
  for (const count of [16, random.int(17, 60), random.int(61, 150), 300]) {
    const field = random.pick(EXPENSIVE);
    const query = `{ ${times(count, (i) => `a${i}: ${field}`)} }`;
    cases.push(hostileCase(`${count} root aliases of ${field.split(/[ (]/)[0]}`, postGraphQL(query), refusedBySize(query)));
  }
  for (const count of [16, random.int(17, 200), 600]) {
    const query = `{ product(id: "${demoIds.activeProduct}") { seller { ${times(count, (i) => `l${i}: listings(first: 100) { edges { cursor } }`)} } } }`;
    cases.push(hostileCase(`${count} aliases of seller.listings inside one product`, postGraphQL(query), refusedBySize(query)));
  }
  cases.push(
    hostileCase('16 aliases of the signed-in buyer’s orders', postGraphQL(`{ me { ${times(16, (i) => `o${i}: orders(first: 100) { edges { cursor } }`)} } }`, undefined, signedInAs('buyer')), refused.validation),
    hostileCase('the same field repeated past the token limit', postGraphQL(`{ categories { ${'id '.repeat(2500)}} }`), refused.parse),
    hostileCase('the same expensive root field 11 times without aliases', postGraphQL(`{ ${times(11, () => EXPENSIVE[0]!)} }`), refused.validation),
    hostileCase('11 different root fields', postGraphQL(`{ ${times(11, (i) => `r${i}: ${ROOT_FIELDS[i % ROOT_FIELDS.length]}`)} }`), refused.validation),
    hostileCase('60 root fields hidden in fragments', postGraphQL(`{ ...A ...B } fragment A on Query { ${times(30, (i) => `a${i}: categories { id }`)} } fragment B on Query { ${times(30, (i) => `b${i}: me { id }`)} }`), refused.validation),
    hostileCase('51 @include directives', postGraphQL(`{ categories { ${'... @include(if: true) { id } '.repeat(51)}} }`), refused.validation),
    hostileCase('200 @skip directives on one field', postGraphQL(`{ categories { id ${'@skip(if: false) '.repeat(200)}} }`), refused.validation),
    hostileCase('the same non-repeatable directive twice', postGraphQL('{ categories @include(if: true) @include(if: true) { id } }'), refused.validation),
    hostileCase('an unknown directive', postGraphQL('{ categories @cached(ttl: 99999) { id } }'), refused.validation),
    hostileCase('a directive in a place it is not allowed', postGraphQL('query @skip(if: true) { categories { id } }'), refused.validation),
    hostileCase('@deprecated used in an operation', postGraphQL('{ categories @deprecated { id } }'), refused.validation),
    hostileCase('2 500 directives past the token limit', postGraphQL(`{ categories { id ${'@skip(if: false) '.repeat(2500)}} }`), refused.parse),
    hostileCase('a giant list argument past the token limit', postGraphQL(`{ products(filter: { conditions: [${' GOOD'.repeat(3000)}] }) { edges { cursor } } }`), refused.parse),
    hostileCase('300 unknown arguments', postGraphQL(`{ categories(${times(300, (i) => `x${i}: ${i}`)}) { id } }`), refused.validation),
    hostileCase('900 variable definitions past the token limit', postGraphQL(`query (${times(900, (i) => `$v${i}: Int`)}) { categories { id } }`), refused.parse),
    hostileCase('120 unused variable definitions', postGraphQL(`query (${times(120, (i) => `$v${i}: Int`)}) { categories { id } }`), refused.validation),
    hostileCase('the same argument given 200 times', postGraphQL(`{ product(${times(200, () => `id: "${demoIds.activeProduct}"`)}) { id } }`), refused.validation),
    hostileCase('a selection set of 2 100 distinct unknown fields', postGraphQL(`{ categories { ${times(2100, (i) => `f${random.string(6)}${i}`)} } }`), refused.parse),
    hostileCase('a selection set of 500 distinct unknown fields', postGraphQL(`{ categories { ${times(500, (i) => `f${random.string(6)}${i}`)} } }`), refused.validation),
  );
  return cases;
}
