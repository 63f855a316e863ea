import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { createErrorFormatter } from './format-error.ts';

// Shapes as pg and Prisma 7 (adapter-pg) produce them when the server is stopped or restarted (captured on a throwaway cluster).
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const prismaUnreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
  code: 'P1001',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } } },
});
const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused, cut or shutting-down connection, also when wrapped', () => {
    for (const error of [refused, prismaUnreachable, adminShutdown, new Error('Connection terminated unexpectedly'), new Error('Client has encountered a connection error and is not queryable'), new Error('resolver failed', { cause: refused })]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('leaves query and data errors alone: retrying them would not help', () => {
    const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const prismaNotFound = Object.assign(new Error('No record found'), { code: 'P2025' });
    for (const error of [uniqueViolation, prismaNotFound, new Error('handler bug'), 'ECONNREFUSED', null]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe('a subgraph\'s error formatter', () => {
  it('tells the client to retry, with a stable code and nothing internal, when the database is away', () => {
    const format = createErrorFormatter({ production: false, isDatabaseUnavailable, logUnexpected: () => {} });
    const error = new GraphQLError(prismaUnreachable.message, { originalError: prismaUnreachable, path: ['sendMessage'] });
    const formatted = format(error.toJSON(), error);
    expect(formatted).toEqual({
      message: expect.stringMatching(/temporarily unavailable.*Try again/),
      path: ['sendMessage'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' },
    });
  });
});
