import { postToService } from '@threadly/identity-headers';
import { domainError } from '@threadly/errors';
import { throttledErrorLog, type Logger } from '@threadly/logger';
import { LRUCache } from 'lru-cache';
import { isIdentityUnreachable } from './identity-unreachable.ts';
import { createLastKnownAnswers } from './last-known-answers.ts';

/**
 * How long a last known answer is served while identity cannot be reached, by default: long enough to ride out an
 * identity deploy, restart or database failover, short enough that a change identity could not announce (a role
 * change or key revocation made just before it went down) is not missed for long. 0 turns stale answers off.
 */
export const DEFAULT_IDENTITY_STALE_IF_ERROR_MS = 15 * 60_000;

/** While identity is down, a key whose stale answer was served is asked again after this long, not on every request. */
const RETRY_UNREACHABLE_MS = 1000;

/** At most one "serving stale answers" line per lookup kind this often. */
const STALE_LOG_INTERVAL_MS = 30_000;

export interface IdentityLookupOptions {
  /** Absolute URL of identity's internal route. */
  url: string;
  /** The shared secret internal calls are signed with. */
  secret: string;
  logger: Logger;
  /** How long an answer is reused: also how long a change in identity (role, deletion, revocation) takes to reach the gateway. */
  ttlMs?: number;
  /** How long after identity gave an answer it is still served when identity cannot be reached; 0 turns it off (default 15 min). */
  staleIfErrorMs?: number;
  /** Most answers remembered per gateway process (fresh, and last known). */
  maxEntries?: number;
  /** The signed POST; replaceable in tests. */
  post?: (url: string, body: unknown, secret: string) => Promise<unknown>;
  /** Milliseconds on a monotonic clock; injected in tests. */
  now?: () => number;
}

export interface IdentityLookup<Answer> {
  (key: string, body: unknown): Promise<Answer>;
  /**
   * Applies a change identity announced (a deletion) to every remembered answer `change` returns a new one for: the
   * fresh ones are dropped (the next request asks identity), the last known ones replaced, so a stale answer can
   * never resurrect what was changed. Returns how many answers it touched.
   */
  revise(change: (answer: Answer) => Answer | undefined): number;
}

/**
 * A cached call to one of identity's internal routes, as the gateway makes it for each credential: answers are
 * kept per process for a short time, and concurrent requests for one key share a single call. When identity cannot
 * be reached, the last answer it gave for the key is served for a bounded time (stale-if-error); without one, or
 * when identity answered something unusable, the request gets 503 SUBGRAPH_UNAVAILABLE — never a guess.
 */
export function createIdentityLookup<Answer extends object>(
  options: IdentityLookupOptions & { parse: (answer: unknown) => Answer; what: string },
): IdentityLookup<Answer> {
  const post = options.post ?? postToService;
  const now = options.now ?? (() => performance.now());
  const ttlMs = options.ttlMs ?? 60_000;
  const staleIfErrorMs = options.staleIfErrorMs ?? DEFAULT_IDENTITY_STALE_IF_ERROR_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const lastKnown = createLastKnownAnswers<Answer>({ maxAgeMs: staleIfErrorMs, maxEntries, now });
  const logStale = throttledErrorLog(options.logger, STALE_LOG_INTERVAL_MS, now);
  const cache = new LRUCache<string, Answer, unknown>({
    max: maxEntries,
    ttl: ttlMs,
    perf: { now },
    // Read the clock on every check: lru-cache otherwise reuses a reading for 1 ms, which an injected clock defeats.
    ttlResolution: 0,
    // lru-cache keeps one in-flight fetch per key: the de-duplication of concurrent first requests.
    fetchMethod: async (key, _stale, { context }) => {
      const answer = options.parse(await post(options.url, context, options.secret));
      lastKnown.remember(key, answer);
      return answer;
    },
  });
  const lookup = async (key: string, body: unknown) => {
    try {
      const answer = await cache.fetch(key, { context: body });
      if (answer) return answer;
    } catch (error) {
      const stale = isIdentityUnreachable(error) ? lastKnown.recall(key) : undefined;
      if (stale) {
        // Reused briefly (never up to the bound: lru-cache serves an entry until its age exceeds its TTL, and a TTL
        // of 0 would be forever) so that a down identity costs one attempt per key per second, not one per request
        // — which would also make every request wait out identity's timeout.
        const reuseMs = Math.min(ttlMs, RETRY_UNREACHABLE_MS, staleIfErrorMs - stale.ageMs - 1);
        if (reuseMs > 0) cache.set(key, stale.answer, { ttl: reuseMs });
        logStale(error, `identity cannot be reached: serving the last known answer for ${options.what} (stale-if-error, at most ${staleIfErrorMs} ms old)`);
        return stale.answer;
      }
      options.logger.error({ err: error, key }, `identity could not resolve ${options.what}; answering 503`);
    }
    throw domainError('SUBGRAPH_UNAVAILABLE', 'Sign-in is temporarily unavailable. Try again in a moment.', { http: { status: 503 } });
  };
  return Object.assign(lookup, {
    revise(change: (answer: Answer) => Answer | undefined) {
      const dropped: string[] = [];
      cache.forEach((answer, key) => {
        if (change(answer) !== undefined) dropped.push(key);
      });
      for (const key of dropped) cache.delete(key);
      return dropped.length + lastKnown.revise(change);
    },
  });
}
