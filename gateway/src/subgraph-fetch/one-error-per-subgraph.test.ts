import { describe, expect, it } from 'vitest';
import { oneErrorPerSubgraph } from './one-error-per-subgraph.ts';

const unavailable = (subgraph: string, n: number) => ({ message: `${subgraph} #${n}`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph } });

describe('oneErrorPerSubgraph', () => {
  it('keeps the first SUBGRAPH_UNAVAILABLE of each subgraph in its place, and every other error', () => {
    const forbidden = { message: 'no', extensions: { code: 'FORBIDDEN' } };
    const errors = [unavailable('catalog', 1), forbidden, unavailable('identity', 1), unavailable('catalog', 2), forbidden, unavailable('identity', 2)];
    expect(oneErrorPerSubgraph(errors)).toEqual([unavailable('catalog', 1), forbidden, unavailable('identity', 1), forbidden]);
  });

  it('leaves a list without duplicates as it is', () => {
    const errors = [unavailable('commerce', 1), { message: 'plain' }];
    expect(oneErrorPerSubgraph(errors)).toEqual(errors);
  });
});
