import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findListFields } from './support/list-fields.ts';
import { grownSubgraphs, measureGrowth, type GrowthPair } from './support/list-growth.ts';
import { startTestSupergraph, type TestSupergraph } from './support/test-supergraph.ts';

/**
 * No N+1 anywhere: every list and connection field reachable from `Query` in the client-facing schema is fetched
 * short and long (with its items' scalars and the objects they reference, so `_entities` fetches to other subgraphs
 * run too), and no subgraph may run more SQL for the longer list. New list fields are walked without a change here.
 */
const schema = buildSchema(readFileSync(new URL('../../clients/schema.graphql', import.meta.url), 'utf8'));
const listFields = findListFields(schema);

/** List fields the walker cannot make longer, and why. Each must still exist. */
const NOT_WALKED: Record<string, string> = {
  'Query.categories': 'the fixed top-level categories: no argument sizes it and no parent holds it (Category.children is walked)',
};

let supergraph: TestSupergraph;
const walked: Array<{ coordinate: string; pairs: GrowthPair[] }> = [];

beforeAll(async () => {
  supergraph = await startTestSupergraph();
});
afterAll(async () => {
  await supergraph?.close();
  if (walked.length > 0) console.info(describeWalk(walked));
});

describe('SQL per subgraph does not grow with the length of any list', () => {
  it('allow-lists only list fields that exist', () => {
    const coordinates = listFields.map((list) => list.coordinate);
    expect(coordinates.length).toBeGreaterThan(10);
    for (const coordinate of Object.keys(NOT_WALKED)) expect(coordinates, `${coordinate} is allow-listed but gone`).toContain(coordinate);
  });

  for (const list of listFields.filter((candidate) => !(candidate.coordinate in NOT_WALKED))) {
    it(list.coordinate, { timeout: 120_000 }, async () => {
      const pairs = await measureGrowth(supergraph, schema, list);
      expect(pairs, `found no demo data in which ${list.coordinate} gets longer; give it a starting point or allow-list it`).not.toHaveLength(0);
      walked.push({ coordinate: list.coordinate, pairs });
      for (const pair of pairs) {
        const where = `${pair.path} (longer by ${pair.strategy}, ${pair.small.items} → ${pair.large.items} items)`;
        expect(pair.large.items, where).toBeGreaterThan(pair.small.items);
        expect(grownSubgraphs(pair), `${where}: SQL statements grew\n${pair.large.query}`).toEqual([]);
      }
    });
  }
});

/** One line per comparison: the field, the path walked, the item counts and each subgraph's statements, small → large. */
function describeWalk(results: typeof walked): string {
  const lines = results.flatMap(({ coordinate, pairs }) =>
    pairs.map(({ path, small, large }) => {
      const subgraphs = [...new Set([...Object.keys(small.statements), ...Object.keys(large.statements)])].sort();
      const sql = subgraphs.map((name) => `${name} ${small.statements[name] ?? 0}→${large.statements[name] ?? 0}`).join(', ');
      return `  ${coordinate.padEnd(26)} ${path.padEnd(48)} ${`${small.items}→${large.items}`.padEnd(6)} ${sql}`;
    }),
  );
  return [`N+1 walk: ${results.length} list fields, ${lines.length} comparisons (field, path, items, SQL statements per subgraph)`, ...lines].join('\n');
}
