import { postToService } from '@threadly/identity-headers';
import { domainError } from '@threadly/errors';
import type { Logger } from '@threadly/logger';
import { LRUCache } from 'lru-cache';

export interface IdentityLookupOptions {
  /** Absolute URL of identity's internal route. */
  url: string;
  /** The shared secret internal calls are signed with. */
  secret: string;
  logger: Logger;
  /** How long an answer is reused: also how long a change in identity (role, deletion, revocation) takes to reach the gateway. */
  ttlMs?: number;
  /** Most answers remembered per gateway process. */
  maxEntries?: number;
  /** The signed POST; replaceable in tests. */
  post?: (url: string, body: unknown, secret: string) => Promise<unknown>;
}

/**
 * A cached call to one of identity's internal routes, as the gateway makes it for each credential: answers are
 * kept per process for a short time, concurrent requests for one key share a single call, and a failure (identity
 * down, or an answer `parse` refuses) is 503 SUBGRAPH_UNAVAILABLE — never remembered, never a guess.
 */
export function createIdentityLookup<Answer extends object>(
  options: IdentityLookupOptions & { parse: (answer: unknown) => Answer; what: string },
): (key: string, body: unknown) => Promise<Answer> {
  const post = options.post ?? postToService;
  const cache = new LRUCache<string, Answer, unknown>({
    max: options.maxEntries ?? 10_000,
    ttl: options.ttlMs ?? 60_000,
    // lru-cache keeps one in-flight fetch per key: the de-duplication of concurrent first requests.
    fetchMethod: async (_key, _stale, { context }) => options.parse(await post(options.url, context, options.secret)),
  });
  return async (key, body) => {
    try {
      const answer = await cache.fetch(key, { context: body });
      if (answer) return answer;
    } catch (error) {
      options.logger.error({ err: error, key }, `identity could not resolve ${options.what}; answering 503`);
    }
    throw domainError('SUBGRAPH_UNAVAILABLE', 'Sign-in is temporarily unavailable. Try again in a moment.', { http: { status: 503 } });
  };
}
