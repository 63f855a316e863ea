import { LRUCache } from 'lru-cache';

export interface LastKnownAnswersOptions {
  /** How long after identity gave an answer it may still be served while identity cannot be reached; 0: never. */
  maxAgeMs: number;
  /** Most answers kept; the least recently used go first. */
  maxEntries: number;
  /** Milliseconds on a monotonic clock; injected in tests. */
  now: () => number;
}

export interface StaleAnswer<Answer> {
  answer: Answer;
  /** How long ago identity gave it. */
  ageMs: number;
}

/** The last answer identity gave for each key, kept for stale-if-error (RFC 5861's term) within a bound. */
export interface LastKnownAnswers<Answer> {
  remember(key: string, answer: Answer): void;
  /** The last answer for `key` if it is younger than the bound; an older one is dropped, never served. */
  recall(key: string): StaleAnswer<Answer> | undefined;
  /** Replaces each kept answer `change` returns a new one for (a user deleted since); returns how many. */
  revise(change: (answer: Answer) => Answer | undefined): number;
}

/**
 * Kept apart from the fresh cache because the two bounds mean different things: the fresh TTL is how long an answer
 * is reused while identity is up, this bound how long after identity last spoke a request may still be let through
 * while it is down. Its age counts from when identity gave the answer, not from when it was last served.
 */
export function createLastKnownAnswers<Answer>({ maxAgeMs, maxEntries, now }: LastKnownAnswersOptions): LastKnownAnswers<Answer> {
  const entries = new LRUCache<string, { answer: Answer; givenAtMs: number }>({ max: maxEntries });
  return {
    remember(key, answer) {
      if (maxAgeMs > 0) entries.set(key, { answer, givenAtMs: now() });
    },
    recall(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const ageMs = now() - entry.givenAtMs;
      if (ageMs < maxAgeMs) return { answer: entry.answer, ageMs };
      entries.delete(key);
      return undefined;
    },
    revise(change) {
      const revised: Array<[string, { answer: Answer; givenAtMs: number }]> = [];
      entries.forEach((entry, key) => {
        const answer = change(entry.answer);
        if (answer !== undefined) revised.push([key, { answer, givenAtMs: entry.givenAtMs }]);
      });
      for (const [key, entry] of revised) entries.set(key, entry);
      return revised.length;
    },
  };
}
