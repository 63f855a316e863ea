import DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids in every subgraph; anything else cannot exist, and PostgreSQL would reject it as a uuid. */
export const isUuid = (value: string) => UUID.test(value);

/**
 * A request-scoped DataLoader that fetches rows by id in one query per tick and answers null for ids that do
 * not exist (or are not uuids), in the order DataLoader asked for them.
 */
export function createByIdLoader<Row>(
  fetchMany: (ids: string[]) => Promise<Row[]>,
  idOf: (row: Row) => string = (row) => (row as { id: string }).id,
): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length > 0 ? await fetchMany(valid) : [];
    const byId = new Map(rows.map((row) => [idOf(row), row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A request-scoped DataLoader for "the rows belonging to each key" (a product's images, an order's items),
 * one query for all keys.
 */
export function createGroupLoader<Row>(
  fetchMany: (keys: string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader<string, Row[]>(async (keys) => {
    const valid = keys.filter(isUuid);
    const rows = valid.length > 0 ? await fetchMany(valid) : [];
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
