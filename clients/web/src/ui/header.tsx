import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '../api/use-query.ts';
import { MyCartDocument, ViewerDocument } from '../gql/graphql.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { onCartChanged } from './app-events.ts';
import { Avatar } from './listing-image.tsx';

function SearchBox() {
  const { path, params } = useLocation();
  const current = path === '/' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => {
    setText(current);
  }, [current]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(path === '/' ? params : undefined);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    navigate(`/${next.size ? `?${next}` : ''}`);
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-4-4" />
      </svg>
      <input type="search" name="q" placeholder="Search for brands, items, sizes…" aria-label="Search listings" value={text} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}

function SignedInNav() {
  const { signOut } = useSession();
  const viewer = useQuery(ViewerDocument, {});
  const cart = useQuery(MyCartDocument, {});
  const { refetch: refetchCart } = cart;
  useEffect(() => onCartChanged(refetchCart), [refetchCart]);
  const me = viewer.data?.me;
  const itemCount = cart.data?.myCart.itemCount ?? 0;
  return (
    <nav className="header-nav" aria-label="Account">
      <Link to="/favorites" className="nav-link">Favorites</Link>
      <Link to="/messages" className="nav-link">Messages</Link>
      <Link to="/orders" className="nav-link">Orders</Link>
      <Link to="/cart" className="nav-link cart-link" aria-label={`Cart, ${itemCount} items`}>
        Cart{itemCount > 0 && <span className="count-badge" data-testid="cart-count">{itemCount}</span>}
      </Link>
      {me && (
        <span className="header-user">
          <Avatar name={me.displayName} imageUrl={me.imageUrl} size={30} />
          <span className="header-user-name" data-testid="signed-in-as">{me.displayName}</span>
        </span>
      )}
      <button type="button" className="button ghost small" onClick={() => { signOut(); navigate('/'); }}>
        Sign out
      </button>
    </nav>
  );
}

export function Header() {
  const { token } = useSession();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="logo" aria-label="Threadly home">
          <svg viewBox="0 0 64 64" aria-hidden="true">
            <rect width="64" height="64" rx="14" />
            <path d="M32 14a6 6 0 0 0-6 6h4a2 2 0 1 1 2 2v5L12 42a3 3 0 0 0 2 5h36a3 3 0 0 0 2-5L34 27v-2.4A6 6 0 0 0 32 14zm0 17 15 12H17z" />
          </svg>
          threadly
        </Link>
        <SearchBox />
        {token ? (
          <SignedInNav />
        ) : (
          <nav className="header-nav" aria-label="Account">
            <Link to="/sign-in" className="button primary small">Sign in</Link>
          </nav>
        )}
      </div>
    </header>
  );
}
