import { getNamedType, isNonNullType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildQuery, countItems, describePath, findPath, itemSelection, type Hop, type ListField } from './list-fields.ts';
import { statementsBySchema, type GraphQLResponse, type TestSupergraph } from './test-supergraph.ts';
import { contextsFor, type WalkContext } from './walk-contexts.ts';

/** The list sizes compared: big enough apart that one query per item shows, small enough to stay quick. */
export const SMALL = 2;
export const LARGE = 12;
/** How many starting points a sized walk tries before it gives up finding data where the list grows. */
const SIZED_TRIES = 8;
/** How many starting points "a parent with more items" compares. */
const PARENT_PROBES = 40;

export type Strategy = 'its own size' | 'the size of the list above it' | 'a parent with more items';

/** One request of a pair: how many items the list had and what each subgraph's SQL cost. */
export interface Measurement {
  query: string;
  as: string;
  items: number;
  /** FORBIDDEN answers for the list itself: a private list asked as someone who may not see it. */
  refused: number;
  statements: Record<string, number>;
}

/** The two requests compared for a list field, and how they differ in size. */
export interface GrowthPair {
  strategy: Strategy;
  path: string;
  small: Measurement;
  large: Measurement;
}

/** The subgraphs whose statement count went up from the small to the large request, with both counts. */
export function grownSubgraphs(pair: GrowthPair): string[] {
  const subgraphs = new Set([...Object.keys(pair.small.statements), ...Object.keys(pair.large.statements)]);
  return [...subgraphs]
    .filter((name) => (pair.large.statements[name] ?? 0) > (pair.small.statements[name] ?? 0))
    .map((name) => `${name} ${pair.small.statements[name] ?? 0} → ${pair.large.statements[name] ?? 0}`);
}

interface Walk {
  hops: Hop[];
  contexts: WalkContext[];
}

/**
 * Every way the walker knows to make `list` longer, as pairs of requests whose item counts differ: its own `first`,
 * the `first` of the nearest sized list above it (one query per parent shows there), and otherwise the parent with
 * the fewest against the one with the most items. An empty answer means no way found data where the list grows.
 */
export async function measureGrowth(supergraph: TestSupergraph, schema: GraphQLSchema, list: ListField): Promise<GrowthPair[]> {
  const pairs: GrowthPair[] = [];
  const selection = itemSelection(list.hop.reaches);
  const plain = walkTo(schema, list, false);
  if (plain && list.hop.sizeArgument) {
    const last = plain.hops.length - 1;
    const pair = await sizedPair(supergraph, plain, selection, 'its own size', (size) => sizesFor(plain.hops, { [last]: size }));
    if (pair) pairs.push(pair);
  }
  const sized = walkTo(schema, list, true);
  if (sized) {
    const nearest = sized.hops.findLastIndex((hop, index) => index < sized.hops.length - 1 && hop.sizeArgument !== undefined);
    const pair = await sizedPair(supergraph, sized, selection, 'the size of the list above it', (size) => sizesFor(sized.hops, { [nearest]: size }));
    if (pair) pairs.push(pair);
  }
  if (pairs.length === 0 && plain) {
    const pair = await parentPair(supergraph, plain, selection);
    if (pair) pairs.push(pair);
  }
  return pairs;
}

/** The hops from `Query` to the list (ending with it), and where such a walk may start. */
function walkTo(schema: GraphQLSchema, list: ListField, needsSizeableList: boolean): Walk | undefined {
  const rootContexts = (field: string) => {
    const definition = schema.getQueryType()!.getFields()[field]!;
    const required = definition.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined).map((arg) => arg.name);
    return contextsFor(getNamedType(definition.type).name, required);
  };
  const parent = list.hop.parent as GraphQLObjectType;
  const isRoot = parent === schema.getQueryType();
  const path = isRoot ? [] : findPath(schema, parent, { rootHasArguments: (field) => rootContexts(field) !== undefined, needsSizeableList });
  if (!path) return undefined;
  const hops = [...path, list.hop];
  if (needsSizeableList && !hops.slice(0, -1).some((hop) => hop.sizeArgument)) return undefined;
  const contexts = rootContexts(hops[0]!.field.name);
  return contexts ? { hops, contexts } : undefined;
}

/** Arguments per hop: every sized list at SMALL unless `overrides` says otherwise. */
function sizesFor(hops: Hop[], overrides: Record<number, number>): Array<Record<string, unknown>> {
  return hops.map((hop, index) => (hop.sizeArgument ? { [hop.sizeArgument]: overrides[index] ?? SMALL } : {}));
}

function withRootArguments(argumentsAt: Array<Record<string, unknown>>, context: WalkContext) {
  return argumentsAt.map((args, index) => (index === 0 ? { ...context.args, ...args } : args));
}

async function sizedPair(
  supergraph: TestSupergraph,
  walk: Walk,
  selection: string,
  strategy: Strategy,
  argumentsFor: (size: number) => Array<Record<string, unknown>>,
): Promise<GrowthPair | undefined> {
  for (const context of walk.contexts.slice(0, SIZED_TRIES)) {
    const small = await measure(supergraph, walk.hops, buildQuery(walk.hops, withRootArguments(argumentsFor(SMALL), context), selection), context.as);
    const large = await measure(supergraph, walk.hops, buildQuery(walk.hops, withRootArguments(argumentsFor(LARGE), context), selection), context.as);
    if (shows(small, large)) return { strategy, path: describePath(walk.hops), small, large };
  }
  return undefined;
}

async function parentPair(supergraph: TestSupergraph, walk: Walk, selection: string): Promise<GrowthPair | undefined> {
  const argumentsAt = sizesFor(walk.hops, {});
  const probes: Array<{ query: string; as: string; items: number }> = [];
  for (const context of walk.contexts.slice(0, PARENT_PROBES)) {
    const query = buildQuery(walk.hops, withRootArguments(argumentsAt, context), selection);
    const { body } = await supergraph.graphql(query, {}, { as: context.as });
    const refused = refusals(body.errors, walk.hops);
    if (body.data && refused === 0) probes.push({ query, as: context.as, items: countItems(body.data, walk.hops) });
  }
  // An empty list runs none of its items' loaders, so it would flatter the small side: the fewest is at least one.
  const nonEmpty = probes.filter((probe) => probe.items > 0).sort((a, b) => a.items - b.items);
  const fewest = nonEmpty[0];
  const most = nonEmpty.at(-1);
  if (!fewest || !most || most.items <= fewest.items) return undefined;
  const small = await measure(supergraph, walk.hops, fewest.query, fewest.as);
  const large = await measure(supergraph, walk.hops, most.query, most.as);
  return shows(small, large) ? { strategy: 'a parent with more items', path: describePath(walk.hops), small, large } : undefined;
}

/**
 * Whether a pair can show one query per item: both sides have items (an empty list runs none of its items' loaders),
 * the large side has more, and neither was refused the list.
 */
const shows = (small: Measurement, large: Measurement) =>
  small.items > 0 && large.items > small.items && small.refused === 0 && large.refused === 0;

/** FORBIDDEN errors on the list field itself (not on its items' private fields). */
function refusals(errors: GraphQLResponse['body']['errors'], hops: Hop[]): number {
  const field = hops.at(-1)!.field.name;
  return (errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.at(-1) === field).length;
}

/**
 * Runs `query` as `as` and counts its SQL per subgraph. Only FORBIDDEN errors are expected (another user's private
 * fields, e.g. a seller's email); anything else fails the walk with the query that caused it.
 */
async function measure(supergraph: TestSupergraph, hops: Hop[], query: string, as: string): Promise<Measurement> {
  // The first request of a viewer also resolves them in identity (then cached by the gateway): keep it out.
  await supergraph.graphql('{ __typename }', {}, { as });
  supergraph.statements.reset();
  const { body } = await supergraph.graphql(query, {}, { as });
  const statements = statementsBySchema(supergraph.statements.statements);
  const unexpected = (body.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
  if (unexpected.length > 0 || !body.data) {
    throw new Error(`${query}\nas ${as} answered ${JSON.stringify(body.errors ?? body)}`);
  }
  return { query, as, items: countItems(body.data, hops), refused: refusals(body.errors, hops), statements };
}
