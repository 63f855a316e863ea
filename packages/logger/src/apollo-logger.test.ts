import { describe, expect, it } from 'vitest';
import { apolloLogger } from './apollo-logger.ts';
import { createLogger } from './index.ts';
import { memoryLogDestination } from './memory-log-destination.ts';

describe('apolloLogger', () => {
  it("writes Apollo's messages as JSON lines of the component's logger, at their level, marked as Apollo's", () => {
    const destination = memoryLogDestination();
    const logger = apolloLogger(createLogger('gateway', 'debug', { destination }));
    logger.warn('response cache purge after a mutation failed: connection refused');
    logger.error(new Error('the schema could not be loaded'));
    logger.debug('planning');
    expect(destination.lines()).toEqual([
      expect.objectContaining({ level: 40, name: 'gateway', source: 'apollo', msg: 'response cache purge after a mutation failed: connection refused' }),
      expect.objectContaining({ level: 50, name: 'gateway', source: 'apollo', msg: 'the schema could not be loaded', err: expect.objectContaining({ message: 'the schema could not be loaded' }) }),
      expect.objectContaining({ level: 20, source: 'apollo', msg: 'planning' }),
    ]);
  });
});
