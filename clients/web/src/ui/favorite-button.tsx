import { useState } from 'react';
import { useRequest } from '../api/use-query.ts';
import { FavoriteListingDocument, UnfavoriteListingDocument } from '../gql/graphql.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';

interface Favoritable {
  id: string;
  isFavorited: boolean;
  favoritesCount: number;
}

/** A heart that favorites a listing; signed-out people are sent to sign in first. */
export function FavoriteButton({ listing, onChange, large = false }: { listing: Favoritable; onChange(next: Favoritable): void; large?: boolean }) {
  const { token } = useSession();
  const request = useRequest();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const toggle = async () => {
    if (!token) return navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
    setPending(true);
    setFailed(false);
    try {
      const next = listing.isFavorited
        ? (await request(UnfavoriteListingDocument, { productId: listing.id })).unfavoriteProduct
        : (await request(FavoriteListingDocument, { productId: listing.id })).favoriteProduct;
      onChange(next);
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  };
  const label = listing.isFavorited ? 'Remove from favorites' : 'Add to favorites';
  return (
    <button
      type="button"
      className={`favorite-button${listing.isFavorited ? ' active' : ''}${large ? ' large' : ''}${failed ? ' failed' : ''}`}
      aria-pressed={listing.isFavorited}
      aria-label={label}
      title={failed ? 'Could not save; try again' : label}
      disabled={pending}
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        void toggle();
      }}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 21s-7.5-4.6-9.6-9.3C.9 8.4 3 4.5 6.7 4.5c2.2 0 3.7 1.2 5.3 3 1.6-1.8 3.1-3 5.3-3 3.7 0 5.8 3.9 4.3 7.2C19.5 16.4 12 21 12 21z" />
      </svg>
      {large && <span>{listing.isFavorited ? 'Favorited' : 'Favorite'}</span>}
      <span className="favorite-count">{listing.favoritesCount}</span>
    </button>
  );
}
