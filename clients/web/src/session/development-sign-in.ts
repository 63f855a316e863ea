// Development only: a session token from the Vite dev server's /__dev/session-token route (dev/development-routes.ts),
// standing in for Clerk's sign-in. A production build has no such route and shows Clerk's sign-in instead.

export interface StoredSession {
  token: string;
  userId: string;
  email: string;
  /** ISO time; the gateway refuses the token after it. */
  expiresAt: string;
}

/** The demo accounts of packages/demo-data: who a developer can be. */
export const DEMO_ACCOUNTS = [
  { email: 'buyer@demo.threadly.dev', name: 'Lukas B.', role: 'Buyer', about: 'Has a cart, favorites, orders in every state and conversations with sellers.' },
  { email: 'seller@demo.threadly.dev', name: 'Sofia M.', role: 'Seller', about: '40 listings, sold items and buyers asking questions.' },
  { email: 'admin@demo.threadly.dev', name: 'Maja L.', role: 'Admin', about: 'Moderation rights: can read any conversation and order.' },
] as const;

export async function requestDevelopmentSession(account: string): Promise<StoredSession> {
  let response: Response;
  try {
    response = await fetch('/__dev/session-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account }) });
  } catch {
    throw new Error('The development server is not answering.');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<StoredSession> & { error?: string };
  if (!response.ok || !body.token || !body.userId || !body.email || !body.expiresAt) {
    throw new Error(body.error ?? `Development sign-in failed (${response.status}).`);
  }
  return { token: body.token, userId: body.userId, email: body.email, expiresAt: body.expiresAt };
}
