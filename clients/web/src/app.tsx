import type { ReactNode } from 'react';
import { MessagesPage } from './messages/messages-page.tsx';
import { CartPage } from './orders/cart-page.tsx';
import { OrderPage } from './orders/order-page.tsx';
import { OrdersPage } from './orders/orders-page.tsx';
import { BrowsePage } from './pages/browse-page.tsx';
import { FavoritesPage } from './pages/favorites-page.tsx';
import { ListingPage } from './pages/listing-page.tsx';
import { Link, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session/session-context.tsx';
import { SignInPage } from './session/sign-in-page.tsx';
import { Header } from './ui/header.tsx';
import { EmptyState } from './ui/states.tsx';

/** Screens that need a signed-in user send everyone else to sign in, and back here afterwards. */
function SignedIn({ path, children }: { path: string; children: ReactNode }) {
  const { token } = useSession();
  if (token) return children;
  return (
    <EmptyState title="Sign in to continue">
      <p>
        <Link to={`/sign-in?next=${encodeURIComponent(path)}`} className="button primary">Sign in</Link>
      </p>
    </EmptyState>
  );
}

function Screen() {
  const { path } = useLocation();
  const [, section, id] = path.split('/');
  switch (section) {
    case '':
      return <BrowsePage />;
    case 'listings':
      return id ? <ListingPage key={id} id={id} /> : <BrowsePage />;
    case 'sign-in':
      return <SignInPage />;
    case 'favorites':
      return <SignedIn path={path}><FavoritesPage /></SignedIn>;
    case 'messages':
      return <SignedIn path={path}><MessagesPage conversationId={id} /></SignedIn>;
    case 'cart':
      return <SignedIn path={path}><CartPage /></SignedIn>;
    case 'orders':
      return <SignedIn path={path}>{id ? <OrderPage key={id} id={id} /> : <OrdersPage />}</SignedIn>;
    default:
      return (
        <EmptyState title="Page not found">
          <p><Link to="/">Back to the shop</Link></p>
        </EmptyState>
      );
  }
}

export function App() {
  return (
    <SessionProvider>
      <Header />
      <main className="site-main">
        <Screen />
      </main>
      <footer className="site-footer">Threadly — second-hand clothes, first-hand stories.</footer>
    </SessionProvider>
  );
}
