import { useQuery } from '../api/use-query.ts';
import { MyFavoritesDocument } from '../gql/graphql.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { ListingGrid } from '../ui/listing-card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';

export function FavoritesPage() {
  const { userId } = useSession();
  const favorites = useQuery(MyFavoritesDocument, { userId: userId ?? '' }, { skip: !userId });
  const edges = favorites.data?.user.favorites?.edges ?? [];
  return (
    <div>
      <div className="section-heading">
        <h1>Favorites</h1>
      </div>
      {favorites.error && !favorites.data ? (
        <ErrorState error={favorites.error} retry={favorites.refetch} />
      ) : !favorites.data ? (
        <LoadingState label="Loading favorites…" />
      ) : edges.length === 0 ? (
        <EmptyState title="No favorites yet">
          <p>Tap the heart on a listing to keep it here. <Link to="/">Browse listings</Link></p>
        </EmptyState>
      ) : (
        <ListingGrid listings={edges} onChange={() => favorites.refetch()} />
      )}
    </div>
  );
}
