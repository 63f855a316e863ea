import type { ListingCardFragment } from '../gql/graphql.ts';
import { Link } from '../router.tsx';
import { FavoriteButton } from './favorite-button.tsx';
import { HighlightedText } from './highlighted-text.tsx';
import { CONDITION_LABELS, formatMoney } from './format.ts';
import { ListingImage } from './listing-image.tsx';
import { nameOrUnavailable } from './unavailable.ts';

export function ListingCard({ listing, highlightedTitle, onChange }: { listing: ListingCardFragment; highlightedTitle?: string | null; onChange(next: ListingCardFragment): void }) {
  return (
    <article className="listing-card" data-testid="listing-card">
      <Link to={`/listings/${listing.id}`} className="listing-card-link">
        <div className="listing-card-media">
          <ListingImage image={listing.images[0]} title={listing.title} />
          <div className="listing-card-favorite">
            <FavoriteButton listing={listing} onChange={(next) => onChange({ ...listing, ...next })} />
          </div>
          {listing.status !== 'ACTIVE' && <span className="badge badge-muted listing-card-status">{listing.status === 'SOLD' ? 'Sold' : 'Reserved'}</span>}
        </div>
        <div className="listing-card-body">
          <div className="listing-card-price">{formatMoney(listing.price)}</div>
          <h3 className="listing-card-title">
            <HighlightedText highlighted={highlightedTitle} plain={listing.title} />
          </h3>
          <p className="listing-card-meta">
            {[listing.brand, listing.size, CONDITION_LABELS[listing.condition]].filter(Boolean).join(' · ')}
          </p>
          <p className="listing-card-seller">{nameOrUnavailable(listing.seller, 'Seller')}</p>
        </div>
      </Link>
    </article>
  );
}

export function ListingGrid({
  listings,
  onChange,
}: {
  listings: Array<{ node: ListingCardFragment; highlightedTitle?: string | null }>;
  onChange(next: ListingCardFragment): void;
}) {
  return (
    <div className="listing-grid">
      {listings.map(({ node, highlightedTitle }) => (
        <ListingCard key={node.id} listing={node} highlightedTitle={highlightedTitle} onChange={onChange} />
      ))}
    </div>
  );
}
