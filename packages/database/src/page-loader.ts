import DataLoader from 'dataloader';
import { isUuid } from './by-id-loader.ts';
import type { KeysetPlan } from './keyset-pagination.ts';

/** One parent's page: which parent, which page of it, and any filter the list applies (e.g. a status). */
export interface PageKey<Filter> {
  parentId: string;
  plan: KeysetPlan;
  filter: Filter;
}

/** A row of a page as `keysetWindowQuery` reads it: the row's id, its parent and its sort timestamp. */
export interface PagedRow {
  id: string;
  parentId: string;
  at: Date;
}

/**
 * A request-scoped DataLoader for "one page of each parent's rows" — a connection nested in a list, such as every
 * listed product's seller's listings. Parents asked for the same page and filter share one statement, so the SQL
 * does not grow with the number of parents. Answers each parent's rows in the plan's order.
 */
export function createPageLoader<Filter>(
  fetchPages: (parentIds: string[], plan: KeysetPlan, filter: Filter) => Promise<PagedRow[]>,
): DataLoader<PageKey<Filter>, PagedRow[], string> {
  const batchKey = (key: PageKey<Filter>) => JSON.stringify([key.plan, key.filter]);
  return new DataLoader<PageKey<Filter>, PagedRow[], string>(
    async (keys) => {
      const batches = groupBy(keys, batchKey);
      const pages = new Map<string, PagedRow[]>();
      await Promise.all(
        [...batches.entries()].map(async ([batch, batchKeys]) => {
          const parentIds = batchKeys.map((key) => key.parentId).filter(isUuid);
          const rows = parentIds.length > 0 ? await fetchPages(parentIds, batchKeys[0]!.plan, batchKeys[0]!.filter) : [];
          for (const [parentId, page] of groupBy(rows, (row) => row.parentId)) pages.set(`${parentId}:${batch}`, page);
        }),
      );
      return keys.map((key) => pages.get(`${key.parentId}:${batchKey(key)}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.parentId}:${batchKey(key)}` },
  );
}

function groupBy<Item>(items: readonly Item[], keyOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** Where `keysetWindowQuery` reads a list from; identifiers are the code's own, never a client's. */
export interface KeysetWindowSource {
  /** Schema-qualified table, e.g. `"catalog"."Product"`. */
  table: string;
  /** The uuid column naming the parent, e.g. `sellerId`. */
  parent: string;
  /** The sort timestamp and the tie-breaking id column, as `planKeyset` orders them. */
  at: string;
  id: string;
  /** Further conditions on the table (alias `t`), taking values through `param`, which answers their `$n`. */
  where?: (param: (value: unknown) => string) => string[];
}

/**
 * One statement reading a keyset page for each of `parentIds`: the rows' ids ranked within their parent
 * (`row_number() OVER (PARTITION BY parent ORDER BY at, id)`), cut at `plan.take`, in the plan's order. Returns the
 * SQL text and its values for `$queryRawUnsafe`.
 */
export function keysetWindowQuery(source: KeysetWindowSource, parentIds: string[], plan: KeysetPlan): [string, ...unknown[]] {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const column = (name: string) => `t."${name}"`;
  const conditions = [`${column(source.parent)} = ANY(${param(parentIds)}::uuid[])`, ...(source.where?.(param) ?? [])];
  for (const bound of plan.bounds) {
    const at = param(bound.at.toISOString());
    const op = bound.op === 'lt' ? '<' : '>';
    const idOp = bound.idOp === 'lt' ? '<' : '>';
    conditions.push(`(${column(source.at)} ${op} ${at} OR (${column(source.at)} = ${at} AND ${column(source.id)} ${idOp} ${param(bound.id)}::uuid))`);
  }
  const order = `${column(source.at)} ${plan.order.at.toUpperCase()}, ${column(source.id)} ${plan.order.id.toUpperCase()}`;
  const text = `SELECT "id", "parentId", "at" FROM (
      SELECT ${column(source.id)} AS "id", ${column(source.parent)} AS "parentId", ${column(source.at)} AS "at",
        row_number() OVER (PARTITION BY ${column(source.parent)} ORDER BY ${order}) AS "rank"
      FROM ${source.table} AS t
      WHERE ${conditions.join(' AND ')}
    ) AS ranked WHERE "rank" <= ${param(plan.take)} ORDER BY "parentId", "rank"`;
  return [text, ...values];
}
