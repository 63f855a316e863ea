import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';
import { memoryLogDestination } from './memory-log-destination.ts';
import { errorCodesOf, requestLogLevel, safeOperationName } from './request-log-fields.ts';

describe('request log fields', () => {
  it('lists each error code once, in order, bounded, and marks an error without one', () => {
    expect(errorCodesOf(undefined)).toBeUndefined();
    expect(errorCodesOf([])).toBeUndefined();
    expect(errorCodesOf([{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'FORBIDDEN' } }, {}])).toEqual([
      'FORBIDDEN',
      'NOT_FOUND',
      'NO_CODE',
    ]);
    expect(errorCodesOf(Array.from({ length: 50 }, (_, index) => ({ extensions: { code: `C${index}` } })))).toHaveLength(8);
  });

  it('warns for 5xx, internal errors and unreachable subgraphs; a client mistake is info', () => {
    expect(requestLogLevel(200, undefined)).toBe('info');
    expect(requestLogLevel(400, ['GRAPHQL_PARSE_FAILED'])).toBe('info');
    expect(requestLogLevel(429, ['RATE_LIMITED'])).toBe('info');
    expect(requestLogLevel(200, ['NOT_FOUND', 'INTERNAL_SERVER_ERROR'])).toBe('warn');
    expect(requestLogLevel(200, ['SUBGRAPH_UNAVAILABLE'])).toBe('warn');
    expect(requestLogLevel(503, undefined)).toBe('warn');
  });

  it("prefers the document's operation name and takes a requested one only when it is a GraphQL name", () => {
    expect(safeOperationName('Products', 'Other')).toBe('Products');
    expect(safeOperationName(null, 'Products')).toBe('Products');
    expect(safeOperationName(null, 'a b')).toBeUndefined();
    expect(safeOperationName(undefined, 'x'.repeat(129))).toBeUndefined();
    expect(safeOperationName(undefined, 42)).toBeUndefined();
  });

  it('writes lines to the destination it is given', () => {
    const destination = memoryLogDestination();
    createLogger('catalog', 'info', { destination }).info({ requestId: 'r1' }, 'hello');
    expect(destination.lines()).toEqual([expect.objectContaining({ name: 'catalog', level: 30, requestId: 'r1', msg: 'hello' })]);
  });
});
