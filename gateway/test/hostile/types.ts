import { demoIds, signedInAs } from './demo-fixtures.ts';
import { hostileCase, postGraphQL, refused, type HostileCase } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

const PRODUCTS = 'query ($first: Int, $last: Int) { products(first: $first, last: $last) { edges { cursor } } }';
const PRODUCT = 'query ($id: ID!) { product(id: $id) { id } }';
const ORDERS = 'query ($role: OrderRole, $status: OrderStatus) { myOrders(role: $role, status: $status) { edges { cursor } } }';
const FILTER = 'query ($filter: ProductFilter) { products(filter: $filter) { edges { cursor } } }';
const CREATE_LISTING = 'mutation ($input: CreateListingInput!) { createListing(input: $input) { id } }';
const UPDATE_PROFILE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }';

const listing = (changes: Record<string, unknown>) => ({
  title: 'Wool coat',
  description: 'Warm.',
  price: { amount: 5000, currency: 'EUR' },
  condition: 'GOOD',
  categoryId: demoIds.categoryId,
  images: [{ url: 'https://images.threadly.test/coat.jpg', alt: 'The coat' }],
  ...changes,
});

/** Documents the schema refuses: wrong literal types, missing or unknown arguments and fields, misplaced selections. */
const INVALID_DOCUMENTS: Array<[string, string, ('buyer' | 'seller')?]> = [
  ['an enum value as a string literal', '{ myOrders(role: "SELLER") { edges { cursor } } }', 'buyer'],
  ['an unknown enum value as a literal', '{ myOrders(status: STOLEN) { edges { cursor } } }', 'buyer'],
  ['a string literal for Int', '{ products(first: "10") { edges { cursor } } }'],
  ['an Int literal beyond 32 bits', '{ products(first: 99999999999999999999) { edges { cursor } } }'],
  ['a float literal for Int', '{ products(first: 2.5) { edges { cursor } } }'],
  ['null for a required argument', '{ product(id: null) { id } }'],
  ['a missing required argument', '{ product { id } }'],
  ['a missing required mutation argument', 'mutation { sendMessage(body: "hi") { id } }', 'buyer'],
  ['an unknown argument', '{ categories(includeHidden: true) { id } }'],
  ['an unknown root field', '{ allUsers { email } }'],
  ['an unknown field on a type', `{ product(id: "${demoIds.activeProduct}") { costPrice } }`],
  ['an unknown mutation', 'mutation { deleteAllListings }', 'seller'],
  ['a sub-selection on a scalar', '{ categories { id { value } } }'],
  ['an object field without a selection', '{ categories }'],
  ['a fragment on the wrong type', '{ categories { ...P } } fragment P on Product { id }'],
  ['a variable of a type that does not exist', 'query ($x: Secret) { categories { id } }'],
  ['a variable used where another type is expected', 'query ($s: String) { products(first: $s) { edges { cursor } } }'],
  ['an output type as a variable type', 'query ($p: Product) { categories { id } }'],
];

/** Variables and literals of the wrong type, unknown enum values, missing or unknown arguments and fields. */
export function typeCases(seed = 0x7e9e5): HostileCase[] {
  const random = seededRandom(seed);
  const buyer = signedInAs('buyer');
  const seller = signedInAs('seller');
  const wrongPageSizes: Array<[string, unknown]> = [
    ['a string for Int', '10'],
    ['a float for Int', 1.5],
    ['a boolean for Int', true],
    ['an object for Int', { value: 10 }],
    ['a list for Int', [10]],
    ['2^31 for Int', 2 ** 31],
    ['2^53 + 1 for Int', 2 ** 53 + 1],
    ['1e308 for Int', 1e308],
    [`a random 40-digit number for Int`, Number(`9${random.string(39, '0123456789')}`)],
  ];
  const wrongIds: Array<[string, unknown]> = [
    ['an object for ID', { id: demoIds.activeProduct }],
    ['a list for ID', [demoIds.activeProduct]],
    ['a boolean for ID', false],
    ['a float for ID', 3.14],
    ['null for ID!', null],
  ];
  return [
    ...wrongPageSizes.map(([name, first]) => hostileCase(`first: ${name}`, postGraphQL(PRODUCTS, { first }), refused.variables)),
    ...wrongIds.map(([name, id]) => hostileCase(name, postGraphQL(PRODUCT, { id }), refused.variables)),
    hostileCase('a missing required variable', postGraphQL(PRODUCT, {}), refused.variables),
    hostileCase('first: -1', postGraphQL(PRODUCTS, { first: -1 }), refused.badUserInput),
    hostileCase('last: -50', postGraphQL(PRODUCTS, { last: -50 }), refused.badUserInput),
    hostileCase('first: 1000', postGraphQL(PRODUCTS, { first: 1000 }), refused.badUserInput),
    hostileCase('first: 2147483647', postGraphQL(PRODUCTS, { first: 2147483647 }), refused.badUserInput),
    hostileCase('first: 101 on a user’s listings', postGraphQL(`{ user(id: "${demoIds.seller}") { listings(first: 101) { edges { cursor } } } }`), refused.badUserInput),
    hostileCase('last: 5000 on the buyer’s orders', postGraphQL('{ myOrders(last: 5000) { edges { cursor } } }', undefined, buyer), refused.badUserInput),
    hostileCase('an unknown enum value in a variable', postGraphQL(ORDERS, { role: 'ADMIN' }, buyer), refused.variables),
    hostileCase('an enum value in the wrong case', postGraphQL(ORDERS, { status: 'paid' }, buyer), refused.variables),
    ...INVALID_DOCUMENTS.map(([name, query, as]) => hostileCase(name, postGraphQL(query, undefined, as ? signedInAs(as) : {}), refused.validation)),
    hostileCase('an unknown field in an input object', postGraphQL(FILTER, { filter: { brand: 'Levi', ownerId: demoIds.seller } }), refused.variables),
    hostileCase('null in a list of non-null enums', postGraphQL(FILTER, { filter: { conditions: ['GOOD', null] } }), refused.variables),
    hostileCase('minPrice above maxPrice', postGraphQL(FILTER, { filter: { minPrice: 5000, maxPrice: 100 } }), refused.badUserInput),
    hostileCase('a negative price filter', postGraphQL(FILTER, { filter: { minPrice: -1 } }), refused.badUserInput),
    hostileCase('a listing without a title', postGraphQL(CREATE_LISTING, { input: listing({ title: undefined }) }, seller), refused.variables),
    hostileCase('a listing with a negative price', postGraphQL(CREATE_LISTING, { input: listing({ price: { amount: -100, currency: 'EUR' } }) }, seller), refused.badUserInput),
    hostileCase('a listing with a price as a string', postGraphQL(CREATE_LISTING, { input: listing({ price: { amount: '10 EUR', currency: 'EUR' } }) }, seller), refused.variables),
    hostileCase('a listing with an unknown currency', postGraphQL(CREATE_LISTING, { input: listing({ price: { amount: 100, currency: 'DOGE' } }) }, seller), refused.badUserInput),
    hostileCase('a listing with 11 photos', postGraphQL(CREATE_LISTING, { input: listing({ images: Array.from({ length: 11 }, (_, i) => ({ url: `https://images.threadly.test/${i}.jpg`, alt: `photo ${i}` })) }) }, seller), refused.badUserInput),
    hostileCase('a listing with no photos', postGraphQL(CREATE_LISTING, { input: listing({ images: [] }) }, seller), refused.badUserInput),
    hostileCase('a profile update with an image URL that is not a URL', postGraphQL(UPDATE_PROFILE, { input: { imageUrl: 'not a url' } }, buyer), refused.badUserInput),
    hostileCase('a profile update with an empty display name', postGraphQL(UPDATE_PROFILE, { input: { displayName: '   ' } }, buyer), refused.badUserInput),
    hostileCase('a profile update setting the role', postGraphQL(UPDATE_PROFILE, { input: { role: 'ADMIN' } }, buyer), refused.variables),
  ];
}
