import {
  astFromValue,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** The argument that sizes a list, in the order they are looked for. */
const SIZE_ARGUMENTS = ['first', 'limit'];

/** One field on the way from `Query` to a list, or the list itself. */
export interface Hop {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  /** `connection`: a Relay connection (`edges { node }`); `list`: a GraphQL list; `single`: one value. */
  shape: 'connection' | 'list' | 'single';
  /** What the hop reaches: the connection's node type, the list's element type, or the field's type. */
  reaches: GraphQLNamedType;
  /** `first` or `limit` when the hop is a list that takes one. */
  sizeArgument?: string;
}

/** A field whose value is a list or a connection, named `Type.field` as in the schema. */
export interface ListField {
  coordinate: string;
  hop: Hop;
}

/** The node type when `type` is a Relay connection (`edges: [Edge]` whose `node` is an object), else undefined. */
function connectionNode(type: GraphQLNamedType): GraphQLNamedType | undefined {
  if (!isObjectType(type)) return undefined;
  const edges = type.getFields().edges;
  if (!edges || !isListType(getNullableType(edges.type))) return undefined;
  const edge = getNamedType(edges.type);
  return isObjectType(edge) ? edge.getFields().node && getNamedType(edge.getFields().node!.type) : undefined;
}

function hopOf(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Hop {
  const named = getNamedType(field.type);
  const node = connectionNode(named);
  const shape = node ? 'connection' : isListType(getNullableType(field.type)) ? 'list' : 'single';
  const sizeArgument = shape === 'single' ? undefined : SIZE_ARGUMENTS.find((name) => field.args.some((arg) => arg.name === name));
  return { parent, field, shape, reaches: node ?? named, sizeArgument };
}

const requiredArguments = (field: GraphQLField<unknown, unknown>) =>
  field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/**
 * Every list or connection field of an object type reachable from `Query` (the fields of a connection's own
 * `edges` are the connection itself). Mutation and Subscription results are reached through their own tests.
 */
export function findListFields(schema: GraphQLSchema): ListField[] {
  const query = schema.getQueryType();
  if (!query) return [];
  const seen = new Set<string>();
  const pending: GraphQLObjectType[] = [query];
  const lists: ListField[] = [];
  while (pending.length > 0) {
    const type = pending.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const hop = hopOf(type, field);
      if (hop.shape !== 'single') lists.push({ coordinate: `${type.name}.${field.name}`, hop });
      if (isObjectType(hop.reaches)) pending.push(hop.reaches);
    }
  }
  return lists;
}

/**
 * The shortest way from `Query` to `target` (fewest hops, then fewest lists on the way), optionally one that passes
 * a list sized by `first`/`limit`. A hop is usable when every required argument can be given: root fields' when
 * `rootHasArguments` says the walker has values for them, nested fields' never.
 */
export function findPath(
  schema: GraphQLSchema,
  target: GraphQLObjectType,
  options: { rootHasArguments: (field: string) => boolean; needsSizeableList?: boolean },
): Hop[] | undefined {
  const query = schema.getQueryType()!;
  // Dijkstra over (type, passed a sizeable list yet) with cost 10 per hop + 1 per list hop: short and flat wins.
  interface State { type: GraphQLObjectType; sized: boolean; path: Hop[]; cost: number }
  const best = new Map<string, number>();
  const frontier: State[] = [{ type: query, sized: false, path: [], cost: 0 }];
  while (frontier.length > 0) {
    frontier.sort((a, b) => a.cost - b.cost);
    const state = frontier.shift()!;
    if (state.type === target && (state.sized || !options.needsSizeableList)) return state.path;
    for (const field of Object.values(state.type.getFields())) {
      const hop = hopOf(state.type, field);
      if (!isObjectType(hop.reaches)) continue;
      const atRoot = state.type === query;
      if (requiredArguments(field).length > 0 && !(atRoot && options.rootHasArguments(field.name))) continue;
      const next: State = {
        type: hop.reaches,
        sized: state.sized || hop.sizeArgument !== undefined,
        path: [...state.path, hop],
        cost: state.cost + 10 + (hop.shape === 'single' ? 0 : 1),
      };
      const key = `${next.type.name}:${next.sized}`;
      if ((best.get(key) ?? Infinity) <= next.cost) continue;
      best.set(key, next.cost);
      frontier.push(next);
    }
  }
  return undefined;
}

/**
 * What to select on each item of a list: its scalar fields and, one level down, the scalar fields of every object
 * it references (so entity references to other subgraphs are fetched). Nested lists are walked on their own.
 */
export function itemSelection(type: GraphQLNamedType, depth = 1): string {
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '__typename';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (requiredArguments(field).length > 0) continue;
    const hop = hopOf(type, field);
    if (hop.shape !== 'single') continue;
    if (isLeafType(hop.reaches)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} { ${itemSelection(hop.reaches, depth - 1)} }`);
  }
  return parts.length > 0 ? parts.join(' ') : '__typename';
}

/** A query walking `hops`, with `argumentsAt[i]` on hop i and `selection` on the last hop's items. */
export function buildQuery(hops: Hop[], argumentsAt: Array<Record<string, unknown> | undefined>, selection: string): string {
  let inner = selection;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    const args = Object.entries(argumentsAt[index] ?? {}).map(([name, value]) => {
      const definition = hop.field.args.find((arg) => arg.name === name);
      if (!definition) throw new Error(`${hop.parent.name}.${hop.field.name} has no argument ${name}`);
      return `${name}: ${print(astFromValue(value, definition.type)!)}`;
    });
    const body = hop.shape === 'connection' ? `edges { node { ${inner} } }` : inner;
    inner = `${hop.field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${body ? ` { ${body} }` : ''}`;
  }
  return `{ ${inner} }`;
}

/** How many items the last hop holds in `data`, summed over every parent the earlier hops reached. */
export function countItems(data: unknown, hops: Hop[]): number {
  let values: unknown[] = [data];
  for (const hop of hops) {
    const next: unknown[] = [];
    for (const value of values) {
      const child = (value as Record<string, unknown> | null)?.[hop.field.name];
      if (child == null) continue;
      if (hop.shape === 'connection') next.push(...(child as { edges: Array<{ node: unknown }> }).edges.map((edge) => edge.node));
      else if (hop.shape === 'list') next.push(...(child as unknown[]));
      else next.push(child);
    }
    values = next;
  }
  return values.length;
}

/** `products.edges.node.images`: the path a reader finds in the response. */
export const describePath = (hops: Hop[]) =>
  hops.map((hop, index) => (hop.shape === 'connection' && index < hops.length - 1 ? `${hop.field.name}.edges.node` : hop.field.name)).join('.');
