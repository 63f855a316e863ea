import { useEffect, useRef, useState } from 'react';
import { POLL_FALLBACK_MS } from '../config.ts';
import { useSession } from '../session/session-context.tsx';
import { subscribeLive } from './live-updates.ts';

/** `live`: events arrive over graphql-ws; `polling`: the screen re-reads every few seconds instead. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

/**
 * Keeps a screen current: subscribes to `query` over graphql-ws and hands each event to `onEvent`; until the
 * subscription is up, or if it cannot be had, calls `poll` every POLL_FALLBACK_MS so the screen still updates.
 */
export function useLiveUpdates<Event>({
  query,
  variables,
  onEvent,
  poll,
  skip = false,
}: {
  query: string;
  variables: Record<string, unknown>;
  onEvent(event: Event): void;
  poll(): void;
  skip?: boolean;
}): LiveStatus {
  const { token } = useSession();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handlers = useRef({ onEvent, poll });
  handlers.current = { onEvent, poll };
  const variablesKey = JSON.stringify(variables);

  useEffect(() => {
    if (skip || !token) return;
    setStatus('connecting');
    return subscribeLive<Event>(token, query, JSON.parse(variablesKey) as Record<string, unknown>, {
      live: () => {
        setStatus((previous) => (previous === 'polling' ? previous : 'live'));
        // Events are not replayed: what changed before this (re)connection is read once instead.
        handlers.current.poll();
      },
      next: (event) => handlers.current.onEvent(event),
      unavailable: (reason) => {
        console.warn(`Live updates unavailable (${reason}); refreshing every ${POLL_FALLBACK_MS / 1000} s instead.`);
        setStatus('polling');
      },
    });
  }, [query, variablesKey, token, skip]);

  useEffect(() => {
    if (skip || status === 'live') return;
    const timer = setInterval(() => handlers.current.poll(), POLL_FALLBACK_MS);
    return () => clearInterval(timer);
  }, [status, skip]);

  return status;
}
