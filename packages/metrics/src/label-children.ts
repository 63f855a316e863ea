/**
 * A metric's children (`metric.labels(...)`) resolved once per label set and kept: prom-client hashes the labels on
 * every `inc`/`observe` otherwise, on paths that run for every request or every query. The label values must already
 * be bounded (see bounded-label.ts): one child is kept per distinct set.
 */
export function labelChildren<Child>(resolve: (...labels: string[]) => Child): (...labels: string[]) => Child {
  const children = new Map<string, Child>();
  return (...labels) => {
    const key = labels.join('\u0000');
    let child = children.get(key);
    if (!child) children.set(key, (child = resolve(...labels)));
    return child;
  };
}
