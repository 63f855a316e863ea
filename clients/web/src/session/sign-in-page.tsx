import { useState } from 'react';
import { navigate, useLocation } from '../router.tsx';
import { InlineError } from '../ui/states.tsx';
import { DEMO_ACCOUNTS, requestDevelopmentSession } from './development-sign-in.ts';
import { useSession } from './session-context.tsx';

/** Where to go after signing in: a path of this app only, never another site. */
function nextPath(params: URLSearchParams): string {
  const next = params.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { signIn } = useSession();
  const { params } = useLocation();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (!import.meta.env.DEV) {
    return (
      <div className="panel sign-in">
        <h1>Sign in</h1>
        <p>Threadly signs you in with Clerk. This build has no Clerk publishable key configured yet.</p>
      </div>
    );
  }
  const choose = async (email: string) => {
    setPending(email);
    setError(null);
    try {
      signIn(await requestDevelopmentSession(email));
      navigate(nextPath(params), { replace: true });
    } catch (caught) {
      setError(caught);
      setPending(null);
    }
  };
  return (
    <div className="panel sign-in">
      <h1>Sign in</h1>
      <p className="muted">
        Development sign-in: choose a demo account. The dev server mints a development session token for it, as Clerk would in
        production.
      </p>
      <ul className="account-choices">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.email}>
            <button type="button" className="account-choice" disabled={pending !== null} onClick={() => void choose(account.email)}>
              <span className="avatar" aria-hidden="true">{account.name.charAt(0)}</span>
              <span>
                <strong>
                  {account.name} <span className="badge badge-muted">{account.role}</span>
                </strong>
                <span className="muted">{account.about}</span>
                <span className="account-email">{account.email}</span>
              </span>
              {pending === account.email && <span className="spinner" aria-label="Signing in" />}
            </button>
          </li>
        ))}
      </ul>
      <InlineError error={error} />
    </div>
  );
}
