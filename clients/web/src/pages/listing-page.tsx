import { useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { useQuery, useRequest } from '../api/use-query.ts';
import { AddToCartDocument, ListingDocument, type ListingQuery } from '../gql/graphql.ts';
import { ChatPanel } from '../messages/chat-panel.tsx';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { announceCartChanged } from '../ui/app-events.ts';
import { FavoriteButton } from '../ui/favorite-button.tsx';
import { CONDITION_LABELS, formatDate, formatMoney } from '../ui/format.ts';
import { Avatar, ListingImage } from '../ui/listing-image.tsx';
import { EmptyState, ErrorState, InlineError, LoadingState } from '../ui/states.tsx';
import { nameOrUnavailable } from '../ui/unavailable.ts';

type Listing = ListingQuery['product'];

function Gallery({ listing }: { listing: Listing }) {
  const [shown, setShown] = useState(0);
  const images = listing.images;
  return (
    <div className="gallery">
      <ListingImage image={images[shown]} title={listing.title} className="gallery-main" />
      {images.length > 1 && (
        <div className="gallery-thumbs">
          {images.map((image, index) => (
            <button key={image.url} type="button" className={index === shown ? 'selected' : ''} onClick={() => setShown(index)} aria-label={`Photo ${index + 1} of ${images.length}`}>
              <ListingImage image={image} title={listing.title} />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function BuyBox({ listing }: { listing: Listing }) {
  const { token, userId } = useSession();
  const request = useRequest();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (listing.sellerRef?.id === userId) return <p className="notice">This is your listing.</p>;
  if (listing.status !== 'ACTIVE') return <p className="notice">{listing.status === 'SOLD' ? 'This item has been sold.' : 'Someone is checking out with this item right now.'}</p>;
  const buy = async () => {
    if (!token) return navigate(`/sign-in?next=${encodeURIComponent(`/listings/${listing.id}`)}`);
    setPending(true);
    setError(null);
    try {
      await request(AddToCartDocument, { productId: listing.id });
      announceCartChanged();
      navigate('/cart');
    } catch (caught) {
      setError(caught);
      setPending(false);
    }
  };
  return (
    <div className="buy-box">
      <button type="button" className="button primary wide" onClick={() => void buy()} disabled={pending}>
        {pending ? 'Adding…' : 'Buy now'}
      </button>
      <InlineError error={error} />
    </div>
  );
}

/** One listing: photos, price, details, seller, favorite, buy, and a conversation with the seller. */
export function ListingPage({ id }: { id: string }) {
  const { token, userId } = useSession();
  const listing = useQuery(ListingDocument, { id });
  if (listing.error && !listing.data) {
    if (isApiError(listing.error) && listing.error.code === 'NOT_FOUND') {
      return (
        <EmptyState title="This listing is no longer available">
          <p>
            It may have been sold or withdrawn. <Link to="/">Browse other listings</Link>
          </p>
        </EmptyState>
      );
    }
    return <ErrorState error={listing.error} retry={listing.refetch} />;
  }
  if (!listing.data) return <LoadingState label="Loading listing…" />;
  const product = listing.data.product;
  const sellerName = nameOrUnavailable(product.seller, 'Seller');
  const details: Array<[string, string | null | undefined]> = [
    ['Condition', CONDITION_LABELS[product.condition]],
    ['Size', product.size],
    ['Brand', product.brand],
    ['Colour', product.color],
    ['Category', product.category.name],
    ['Listed', formatDate(product.createdAt)],
  ];
  return (
    <div className="listing-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/">Shop</Link> / <Link to={`/?category=${product.category.slug}`}>{product.category.name}</Link>
      </nav>
      <div className="listing-layout">
        <Gallery listing={product} />
        <div className="listing-info">
          <div className="listing-heading">
            <h1>{product.title}</h1>
            <FavoriteButton large listing={product} onChange={(next) => listing.update((data) => ({ product: { ...data.product, ...next } }))} />
          </div>
          <p className="listing-price" data-testid="listing-price">{formatMoney(product.price)}</p>
          <dl className="listing-details">
            {details
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
          <BuyBox listing={product} />
          <p className="listing-description">{product.description}</p>
          <div className="seller-card">
            <Avatar name={sellerName} imageUrl={product.seller?.imageUrl} size={48} />
            <div>
              <strong data-testid="seller-name">{sellerName}</strong>
              <span className="muted">
                {product.seller
                  ? [product.seller.location, `member since ${formatDate(product.seller.createdAt)}`].filter(Boolean).join(' · ')
                  : 'Profiles cannot be shown right now.'}
              </span>
            </div>
          </div>
          {token && product.sellerRef?.id !== userId ? (
            <ChatPanel productId={product.id} sellerName={product.seller?.displayName ?? 'the seller'} />
          ) : !token ? (
            <p className="notice">
              <Link to={`/sign-in?next=${encodeURIComponent(`/listings/${product.id}`)}`}>Sign in</Link> to ask {product.seller?.displayName ?? 'the seller'} a question.
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
