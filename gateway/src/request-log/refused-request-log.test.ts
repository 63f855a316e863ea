import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { domainError } from '@threadly/errors';
import { createLogger, memoryLogDestination } from '@threadly/logger';
import { describe, expect, it } from 'vitest';
import { createRequestContextFactory } from '../request-context.ts';
import { logRefusedRequest } from './refused-request-log.ts';

const req = { headers: { authorization: 'Bearer stolen.token.here', 'apollographql-client-name': 'mobile' } } as unknown as IncomingMessage;
const info = { url: new URL('http://gateway/graphql'), requestId: 'req-9' };

function factoryLogging(authenticate: Parameters<typeof createRequestContextFactory>[0], enforceRateLimit: Parameters<typeof createRequestContextFactory>[1]) {
  const destination = memoryLogDestination();
  const create = createRequestContextFactory(authenticate, enforceRateLimit, () => '10.0.0.9', logRefusedRequest(createLogger('gateway', 'info', { destination })));
  return { create, destination };
}

describe('logRefusedRequest', () => {
  it('logs a rate-limited request with who it was, 429 and RATE_LIMITED', async () => {
    const rateLimited = domainError('RATE_LIMITED', 'Too many requests.', { http: { status: 429, headers: new HeaderMap() } });
    const { create, destination } = factoryLogging(
      async () => ({ kind: 'user', viewer: { userId: 'user-3', role: 'BUYER' } }),
      async () => Promise.reject(rateLimited),
    );
    await expect(create(req, info)).rejects.toBe(rateLimited);
    expect(destination.lines()).toEqual([
      expect.objectContaining({ level: 30, msg: 'graphql request refused', requestId: 'req-9', userId: 'user-3', clientName: 'mobile', status: 429, errorCodes: ['RATE_LIMITED'] }),
    ]);
    expect(destination.text()).not.toContain('stolen.token.here');
    expect(destination.text()).not.toContain('10.0.0.9');
  });

  it('logs a refused credential as anonymous with 401, and nothing for an accepted one', async () => {
    const refused = domainError('UNAUTHENTICATED', 'The session token is not valid.', { http: { status: 401 } });
    const { create, destination } = factoryLogging(async () => Promise.reject(refused), async () => undefined);
    await expect(create(req, info)).rejects.toBe(refused);
    expect(destination.lines()).toEqual([expect.objectContaining({ userId: 'anonymous', status: 401, errorCodes: ['UNAUTHENTICATED'] })]);
    const accepted = factoryLogging(async () => ({ kind: 'anonymous', ip: '10.0.0.9' }), async () => undefined);
    await accepted.create(req, info);
    expect(accepted.destination.lines()).toEqual([]);
  });

  it('warns when sign-in itself failed unexpectedly', async () => {
    const { create, destination } = factoryLogging(async () => Promise.reject(new Error('identity lookup timed out')), async () => undefined);
    await expect(create(req, info)).rejects.toThrow();
    expect(destination.lines()).toEqual([expect.objectContaining({ level: 40, status: 500, errorCodes: ['INTERNAL_SERVER_ERROR'] })]);
  });
});
