import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { StoredSession } from './development-sign-in.ts';

const STORAGE_KEY = 'threadly.session';
/** Sign out a minute early rather than send a token the gateway is about to refuse. */
const EXPIRY_MARGIN_MS = 60_000;

export interface Session {
  token: string | null;
  userId: string | null;
  email: string | null;
  signIn(session: StoredSession): void;
  signOut(): void;
}

function readStoredSession(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (stored && Date.parse(stored.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return stored;
  } catch {
    // A damaged entry is the same as none.
  }
  localStorage.removeItem(STORAGE_KEY);
  return null;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(readStoredSession);
  const signIn = useCallback((session: StoredSession) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    setStored(session);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setStored(null);
  }, []);
  const value = useMemo<Session>(
    () => ({ token: stored?.token ?? null, userId: stored?.userId ?? null, email: stored?.email ?? null, signIn, signOut }),
    [stored, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
