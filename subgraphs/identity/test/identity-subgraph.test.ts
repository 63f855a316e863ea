import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, countStatements } from '@threadly/database';
import { signViewer } from '@threadly/identity-headers';
import { createLogger } from '@threadly/logger';
import { startSubgraphServer, type SubgraphServer } from '@threadly/subgraph-runtime';
import { createTestDatabase, type TestDatabase } from '@threadly/testing';
import { createIdentitySubgraph } from '../src/create-identity-subgraph.ts';

const secret = 'identity-test-secret-'.padEnd(40, 'x');
const ada = { id: '11111111-1111-4111-8111-111111111111', clerkId: 'user_ada', email: 'ada@example.com', displayName: 'Ada' };
const bob = { id: '22222222-2222-4222-8222-222222222222', clerkId: 'user_bob', email: 'bob@example.com', displayName: 'Bob', role: 'SELLER' as const };

let database: TestDatabase;
let server: SubgraphServer;
let statements: ReturnType<typeof countStatements>;
let close: () => Promise<void>;

async function graphql(query: string, variables: Record<string, unknown> = {}, viewerHeader?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(viewerHeader ? { 'x-threadly-viewer': viewerHeader } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test asserts the shape it reads
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}
const as = (user: { id: string }, role: 'BUYER' | 'SELLER' | 'ADMIN' = 'BUYER') => signViewer({ userId: user.id, role }, secret);

beforeAll(async () => {
  database = await createTestDatabase();
  statements = countStatements(database.pool);
  const definition = createIdentitySubgraph({ pool: database.pool, identitySecret: secret });
  await applyMigrations(database.pool, definition.databaseSchema, definition.migrationsDir);
  await database.pool.query(
    `INSERT INTO identity."User" (id, "clerkId", email, "displayName", role, "updatedAt") VALUES ($1,$2,$3,$4,'BUYER',now()), ($5,$6,$7,$8,'SELLER',now())`,
    [ada.id, ada.clerkId, ada.email, ada.displayName, bob.id, bob.clerkId, bob.email, bob.displayName],
  );
  server = await startSubgraphServer(definition, {
    port: 0,
    production: false,
    logger: createLogger('identity-test', 'silent'),
    checkReady: async () => void (await database.pool.query('SELECT 1')),
  });
  close = async () => {
    await server.stop();
    await definition.close();
  };
});
afterAll(async () => {
  await close?.();
  await database?.close();
});

describe('identity subgraph', () => {
  it('answers `me` with the signed viewer and null when anonymous', async () => {
    expect((await graphql('{ me { id displayName email role } }', {}, as(ada))).body.data.me).toEqual({
      id: ada.id,
      displayName: 'Ada',
      email: 'ada@example.com',
      role: 'BUYER',
    });
    expect((await graphql('{ me { id } }')).body.data.me).toBeNull();
  });

  it("hides another user's email", async () => {
    const { body } = await graphql('query($id: ID!) { user(id: $id) { displayName email } }', { id: bob.id }, as(ada));
    expect(body.data.user).toEqual({ displayName: 'Bob', email: null });
  });

  it('gives NOT_FOUND for unknown and malformed ids', async () => {
    for (const id of ['33333333-3333-4333-8333-333333333333', 'not-a-uuid']) {
      const { body } = await graphql('query($id: ID!) { user(id: $id) { id } }', { id });
      expect(body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('rejects a forged viewer header with UNAUTHENTICATED', async () => {
    const forged = signViewer({ userId: ada.id, role: 'ADMIN' }, 'another-secret-that-is-long-enough-xx');
    const { status, body } = await graphql('{ me { id } }', {}, forged);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('updates only the viewer’s own profile, validating each field', async () => {
    const mutation = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName bio location } }';
    const anonymous = await graphql(mutation, { input: { bio: 'hi' } });
    expect(anonymous.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const invalid = await graphql(mutation, { input: { displayName: 'A', imageUrl: 'javascript:alert(1)' } }, as(ada));
    expect(invalid.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(/displayName|imageUrl/) });

    const updated = await graphql(mutation, { input: { bio: '  Vintage denim lover  ', location: 'Lyon' } }, as(ada));
    expect(updated.body.data.updateProfile).toEqual({ id: ada.id, displayName: 'Ada', bio: 'Vintage denim lover', location: 'Lyon' });
    const cleared = await graphql(mutation, { input: { location: null } }, as(ada));
    expect(cleared.body.data.updateProfile).toMatchObject({ bio: 'Vintage denim lover', location: null });
    await graphql(mutation, { input: { location: null } }, as(ada));
    // Each real change is announced, with the fields it changed, in identity's outbox; a no-op is not.
    const { rows } = await database.pool.query(`SELECT type, payload FROM identity."OutboxEvent" WHERE "aggregateId" = $1 ORDER BY "occurredAt", id`, [ada.id]);
    expect(rows).toEqual([
      { type: 'user.updated', payload: { userId: ada.id, changedFields: ['bio', 'location'] } },
      { type: 'user.updated', payload: { userId: ada.id, changedFields: ['location'] } },
    ]);
  });

  it('keeps only plain text in what other members read on a profile', async () => {
    const mutation = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName bio location } }';
    const input = { displayName: '<b>Ada</b> L.', bio: 'Hi!\n\n<img src=x onerror=alert(1)>Denim &lt;script&gt;x&lt;/script&gt;', location: '<i>Lyon</i>' };
    const { body } = await graphql(mutation, { input }, as(ada));
    expect(body.data.updateProfile).toEqual({ displayName: 'Ada L.', bio: 'Hi!\n\nDenim', location: 'Lyon' });
    const blank = await graphql(mutation, { input: { displayName: '<p> </p>' } }, as(ada));
    expect(blank.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.displayName' });
    await graphql(mutation, { input: { displayName: ada.displayName } }, as(ada));
  });

  it('resolves User entities for other subgraphs in one query', async () => {
    statements.reset();
    const representations = [ada, bob, ada, { id: 'nope' }].map(({ id }) => ({ __typename: 'User', id }));
    const { body } = await graphql('query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }', {
      r: representations,
    });
    expect(body.data._entities).toEqual([
      { id: ada.id, displayName: 'Ada' },
      { id: bob.id, displayName: 'Bob' },
      { id: ada.id, displayName: 'Ada' },
      null,
    ]);
    expect(statements.statements).toHaveLength(1);
  });
});
