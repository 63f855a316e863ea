import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTORS, AUTHORIZATION_ROWS, newListingInput, PUBLIC_QUERY_FIELDS, type Actor, type AuthorizationRow, type FixtureFactory, type Outcome,
} from './support/authorization-rows.ts';
import { startTestSupergraph, type GraphQLResponse, type TestSupergraph } from './support/test-supergraph.ts';

const readRepoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface TableRow {
  name: string;
  other: string;
  anonymous: string;
  admin: string;
}

/**
 * The rows of the README's Authorization table: | field | who may | another user | anonymous | an admin |. An
 * outcome cell starts with the outcome in backticks (`FORBIDDEN`, `null`, …), optionally followed by prose.
 */
function readmeTable(): TableRow[] {
  const lines = readRepoFile('README.md').split('\n');
  const header = lines.findIndex((line) => line.startsWith('| field | who may |'));
  if (header < 0) throw new Error('README.md has no table starting with "| field | who may |"');
  const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
  return lines.slice(header + 2, end < 0 ? undefined : end).map((line) => {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const outcome = (cell: string | undefined) => /^`([^`]+)`/.exec(cell ?? '')?.[1] ?? `unreadable cell: ${cell}`;
    return { name: (cells[0] ?? '').replaceAll('`', ''), other: outcome(cells[2]), anonymous: outcome(cells[3]), admin: outcome(cells[4]) };
  });
}

/** What one attempt got, in the table's words. */
function observedOutcome(body: GraphQLResponse['body'], path: string[]): string {
  const value = path.reduce<unknown>((parent, key) => (parent as Record<string, unknown> | null | undefined)?.[key], body.data);
  const code = body.errors?.[0]?.extensions?.code;
  if (code !== undefined) return value == null ? String(code) : `${String(code)}, yet the value was returned`;
  if (value === undefined) return 'no value';
  if (value === null) return 'null';
  return Array.isArray(value) && value.length === 0 ? 'filtered' : 'allowed';
}

function expectedOutcome(row: AuthorizationRow, actor: Actor): Outcome {
  if (actor === row.allowed) return 'allowed';
  if (actor === 'stranger') return row.other;
  if (actor === 'anonymous' || actor === 'admin') return row[actor];
  throw new Error(`${row.name}: no expectation for ${actor}`);
}

/** `own` means "succeeds on the caller's own data", which may be an empty list. */
const acceptable = (expected: Outcome): string[] => (expected === 'own' ? ['allowed', 'filtered'] : [expected]);

let supergraph: TestSupergraph;
beforeAll(async () => {
  supergraph = await startTestSupergraph();
});
afterAll(() => supergraph?.close());

const fixtures: FixtureFactory = {
  async newListing(status) {
    const as = ACTORS.seller;
    const create = 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }';
    const created = await supergraph.graphql(create, { input: newListingInput() }, { as });
    const id: string | undefined = created.body.data?.createListing?.id;
    if (!id) throw new Error(`could not create a listing: ${JSON.stringify(created.body.errors)}`);
    if (status === 'ACTIVE') await supergraph.graphql('mutation($id: ID!) { publishListing(id: $id) { id } }', { id }, { as });
    return id;
  },
  async fillCartOf(actor) {
    if (actor === 'anonymous') return;
    const id = await fixtures.newListing('ACTIVE');
    await supergraph.graphql('mutation { clearCart { id } }', {}, { as: ACTORS[actor] });
    await supergraph.graphql('mutation($id: ID!) { addToCart(productId: $id) { id } }', { id }, { as: ACTORS[actor] });
  },
};

async function attempt(row: AuthorizationRow, actor: Actor): Promise<string> {
  const variables = await row.variables(fixtures, actor);
  const { body } = await supergraph.graphql(row.operation, variables, actor === 'anonymous' ? {} : { as: ACTORS[actor] });
  return observedOutcome(body, row.path);
}

describe('the Authorization table in the README', () => {
  it('lists exactly the rows this test walks, with the same outcomes', () => {
    const fromTest = AUTHORIZATION_ROWS.map(({ name, other, anonymous, admin }) => ({ name, other, anonymous, admin }));
    expect(readmeTable()).toEqual(fromTest);
  });

  it('has a row for every mutation and for every query that is not public', () => {
    const schema = buildSchema(readRepoFile('clients/schema.graphql'));
    const covered = new Set(AUTHORIZATION_ROWS.map((row) => row.name.split(' ')[0]));
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {}).map((field) => `Mutation.${field}`);
    const queries = Object.keys(schema.getQueryType()?.getFields() ?? {})
      .filter((field) => !PUBLIC_QUERY_FIELDS.includes(field))
      .map((field) => `Query.${field}`);
    expect([...mutations, ...queries].filter((field) => !covered.has(field))).toEqual([]);
  });
});

describe.each(AUTHORIZATION_ROWS)('$name', (row) => {
  // The allowed user goes last, so a row that changes state is refused on data nobody has touched yet.
  it.each(['anonymous', 'stranger', 'admin', row.allowed] as const)('as %s', async (actor) => {
    const expected = expectedOutcome(row, actor);
    const observed = await attempt(row, actor);
    expect(acceptable(expected), `${row.name} as ${actor}: got ${observed}`).toContain(observed);
  });
});
