import type { Logger } from '@threadly/logger';
import type { EventTransport } from './contracts.ts';
import { createMemoryEventTransport } from './memory-transport.ts';
import { createRedisStreamTransport } from './redis-stream-transport.ts';

/**
 * The transport a process uses: Redis Streams when `redisUrl` (REDIS_URL) is set, shared by every process and
 * replica; otherwise the in-process one, which only reaches consumers in this same process.
 */
export function createEventTransport(redisUrl: string | undefined, logger: Logger, stream?: string): EventTransport {
  if (redisUrl) return createRedisStreamTransport({ url: redisUrl, logger, stream });
  logger.warn('REDIS_URL is not set: events are delivered inside this process only; other processes and replicas need REDIS_URL to receive them');
  return createMemoryEventTransport({ logger });
}
