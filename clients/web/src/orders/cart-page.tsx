import { useState, type FormEvent } from 'react';
import { useQuery, useRequest } from '../api/use-query.ts';
import { CheckoutDocument, MyCartDocument, RemoveFromCartDocument, ViewerDocument, type CheckoutMutation, type ShippingAddressInput } from '../gql/graphql.ts';
import { Link, navigate } from '../router.tsx';
import { announceCartChanged } from '../ui/app-events.ts';
import { CONDITION_LABELS, formatMoney } from '../ui/format.ts';
import { ListingImage } from '../ui/listing-image.tsx';
import { EmptyState, ErrorState, InlineError, LoadingState } from '../ui/states.tsx';
import { LISTING_UNAVAILABLE, nameOrUnavailable } from '../ui/unavailable.ts';
import { PaymentStep } from './payment-step.tsx';

const ADDRESS_FIELDS: Array<{ key: keyof ShippingAddressInput; label: string; autoComplete: string; optional?: boolean }> = [
  { key: 'name', label: 'Full name', autoComplete: 'name' },
  { key: 'line1', label: 'Street and number', autoComplete: 'address-line1' },
  { key: 'line2', label: 'Apartment, floor (optional)', autoComplete: 'address-line2', optional: true },
  { key: 'postalCode', label: 'Postcode', autoComplete: 'postal-code' },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  { key: 'country', label: 'Country (2 letters)', autoComplete: 'country' },
];

interface AddressDefaults {
  name: string;
  city: string;
}

function ShippingForm({ defaults, disabled, onSubmit }: { defaults: AddressDefaults; disabled: boolean; onSubmit(address: ShippingAddressInput): void }) {
  const [address, setAddress] = useState<ShippingAddressInput>({ name: defaults.name, line1: '', line2: '', postalCode: '', city: defaults.city, country: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...address, line2: address.line2?.trim() ? address.line2 : null });
  };
  return (
    <form className="panel shipping-form" aria-label="Shipping address" onSubmit={submit}>
      <h2>Shipping address</h2>
      {ADDRESS_FIELDS.map(({ key, label, autoComplete, optional }) => (
        <div key={key} className="field">
          <label htmlFor={`address-${key}`}>{label}</label>
          <input
            id={`address-${key}`}
            autoComplete={autoComplete}
            required={!optional}
            value={address[key] ?? ''}
            onChange={(event) => setAddress((current) => ({ ...current, [key]: event.target.value }))}
          />
        </div>
      ))}
      <button type="submit" className="button primary wide" disabled={disabled}>
        {disabled ? 'Reserving your items…' : 'Continue to payment'}
      </button>
    </form>
  );
}

/** The cart, then the shipping address, then the (test-mode) card: checkout reserves the items and opens the orders. */
export function CartPage() {
  const request = useRequest();
  const cart = useQuery(MyCartDocument, {});
  const viewer = useQuery(ViewerDocument, {});
  const [checkout, setCheckout] = useState<CheckoutMutation['checkout'] | null>(null);
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (checkout) {
    return (
      <div className="checkout-layout">
        <PaymentStep
          checkout={checkout}
          onPaid={() => navigate(checkout.orders.length === 1 ? `/orders/${checkout.orders[0]?.id}` : '/orders')}
        />
      </div>
    );
  }
  if (cart.error && !cart.data) return <ErrorState error={cart.error} retry={cart.refetch} />;
  if (!cart.data) return <LoadingState label="Loading your cart…" />;
  const items = cart.data.myCart.items;
  if (items.length === 0) {
    return (
      <EmptyState title="Your cart is empty">
        <p>
          <Link to="/">Find something you love</Link> and press “Buy now”.
        </p>
      </EmptyState>
    );
  }
  const unavailable = items.filter((item) => !item.available);
  const subtotal = items.filter((item) => item.available).reduce((sum, item) => sum + (item.product?.price.amount ?? 0), 0);
  const me = viewer.data?.me;
  const addressDefaults = { name: [me?.firstName, me?.lastName].filter(Boolean).join(' '), city: me?.location?.split(',')[0] ?? '' };
  const sellers = new Set(items.map((item) => item.product?.seller?.id)).size;

  const remove = async (productId: string) => {
    setError(null);
    try {
      const { removeFromCart } = await request(RemoveFromCartDocument, { productId });
      cart.update(() => ({ myCart: removeFromCart }));
      announceCartChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  const placeOrder = async (shippingAddress: ShippingAddressInput) => {
    setPlacing(true);
    setError(null);
    try {
      const result = await request(CheckoutDocument, { input: { shippingAddress } });
      announceCartChanged();
      setCheckout(result.checkout);
    } catch (caught) {
      setError(caught);
      cart.refetch();
    } finally {
      setPlacing(false);
    }
  };

  return (
    <div className="checkout-layout">
      <section className="panel" aria-label="Cart">
        <h1>Your cart</h1>
        <ul className="cart-items">
          {items.map((item) => (
            <li key={item.id} className={item.available ? '' : 'unavailable'} data-testid="cart-item">
              <ListingImage image={item.product?.images[0]} title={item.product?.title ?? LISTING_UNAVAILABLE} className="thumb" />
              <div className="cart-item-text">
                {item.product ? <Link to={`/listings/${item.product.id}`}>{item.product.title}</Link> : <span>{LISTING_UNAVAILABLE}</span>}
                {item.product && (
                  <span className="muted">
                    {[item.product.size, CONDITION_LABELS[item.product.condition], `from ${nameOrUnavailable(item.product.seller, 'Seller')}`].filter(Boolean).join(' · ')}
                  </span>
                )}
                {!item.available && <span className="badge badge-warning">{item.product ? 'No longer available' : 'Cannot be checked right now'}</span>}
              </div>
              <span className="cart-item-price">{item.product ? formatMoney(item.product.price) : '—'}</span>
              <button type="button" className="button ghost small" onClick={() => item.productRef && void remove(item.productRef.id)} aria-label={`Remove ${item.product?.title ?? 'this item'}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <dl className="totals">
          <div>
            <dt>Items</dt>
            <dd>{formatMoney({ amount: subtotal, currency: items.find((item) => item.product)?.product?.price.currency ?? 'EUR' })}</dd>
          </div>
          <div>
            <dt>Shipping</dt>
            <dd className="muted">added per seller ({sellers}) at payment</dd>
          </div>
        </dl>
        <InlineError error={error} />
      </section>
      {unavailable.length > 0 ? (
        <div className="panel notice">Remove the items that are no longer available to check out.</div>
      ) : (
        <ShippingForm key={viewer.data ? 'known' : 'unknown'} defaults={addressDefaults} disabled={placing} onSubmit={(address) => void placeOrder(address)} />
      )}
    </div>
  );
}
