import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildQuery, countItems, describePath, findListFields, findPath, itemSelection } from './list-fields.ts';

const schema = buildSchema(`
  type Query { shop(first: Int): ItemConnection!  item(id: ID!): Item!  tags: [String!]!  hidden(secret: String!): Owner! }
  type ItemConnection { edges: [ItemEdge!]!  pageInfo: PageInfo! }
  type ItemEdge { node: Item!  cursor: String! }
  type PageInfo { hasNextPage: Boolean! }
  type Item { id: ID!  title: String!  price: Money!  owner: Owner!  photos: [Photo!]! }
  type Money { amount: Int! }
  type Photo { url: String! }
  type Owner { id: ID!  name: String!  items(first: Int): ItemConnection!  notes: [String!]! }
`);
const byCoordinate = (coordinate: string) => findListFields(schema).find((list) => list.coordinate === coordinate)!;

describe('the list-field walker', () => {
  it('finds every list and connection reachable from Query, and only those', () => {
    expect(findListFields(schema).map((list) => list.coordinate).sort()).toEqual([
      'Item.photos',
      'Owner.items',
      'Owner.notes',
      'Query.shop',
      'Query.tags',
    ]);
    expect(byCoordinate('Query.shop').hop).toMatchObject({ shape: 'connection', sizeArgument: 'first' });
    expect(byCoordinate('Item.photos').hop).toMatchObject({ shape: 'list', sizeArgument: undefined });
  });

  it('walks to a type the short way, or through a sized list when asked, never through arguments it cannot give', () => {
    const owner = schema.getType('Owner') as GraphQLObjectType;
    const withIds = { rootHasArguments: (field: string) => field === 'item' };
    expect(describePath(findPath(schema, owner, withIds)!)).toBe('item.owner');
    expect(describePath(findPath(schema, owner, { ...withIds, needsSizeableList: true })!)).toBe('shop.edges.node.owner');
    expect(findPath(schema, owner, { rootHasArguments: () => false, needsSizeableList: false })!.map((hop) => hop.field.name)).toEqual(['shop', 'owner']);
  });

  it("selects an item's scalars and, one level down, the scalars of what it references, but no nested lists", () => {
    expect(itemSelection(schema.getType('Item')!)).toBe('id title price { amount } owner { id name }');
  });

  it('builds the query and counts the items at the end of the path over every parent', () => {
    const photos = [byCoordinate('Query.shop').hop, byCoordinate('Item.photos').hop];
    expect(buildQuery(photos, [{ first: 3 }], 'url')).toBe('{ shop(first: 3) { edges { node { photos { url } } } } }');
    const data = { shop: { edges: [{ node: { photos: [{}, {}] } }, { node: { photos: [{}] } }, { node: { photos: [] } }] } };
    expect(countItems(data, photos)).toBe(3);
  });
});
