import { documentText } from '../api/graphql-request.ts';
import { useLiveUpdates } from '../api/use-live-updates.ts';
import { useQuery } from '../api/use-query.ts';
import { MyOrdersDocument, MyOrderUpdatesDocument, type MyOrderUpdatesSubscription, type OrderRole } from '../gql/graphql.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { formatDate, formatMoney } from '../ui/format.ts';
import { ListingImage } from '../ui/listing-image.tsx';
import { LiveBadge } from '../ui/live-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { nameOrUnavailable } from '../ui/unavailable.ts';
import { StatusPill } from './order-page.tsx';

/** What the signed-in user bought, or sold. */
export function OrdersPage() {
  const { params } = useLocation();
  const role: OrderRole = params.get('role') === 'seller' ? 'SELLER' : 'BUYER';
  const orders = useQuery(MyOrdersDocument, { role });
  const edges = orders.data?.myOrders.edges ?? [];
  // A status change of any order of mine: the list re-reads itself (a new order may have appeared as well).
  const live = useLiveUpdates<MyOrderUpdatesSubscription>({ query: documentText(MyOrderUpdatesDocument), variables: {}, onEvent: orders.refetch, poll: orders.refetch, skip: !orders.data });
  return (
    <div className="narrow-page">
      <div className="section-heading">
        <div className="heading-with-badge">
          <h1>Orders</h1>
          {orders.data && <LiveBadge status={live} />}
        </div>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={role === 'BUYER'} onClick={() => navigate('/orders')}>Purchases</button>
          <button type="button" role="tab" aria-selected={role === 'SELLER'} onClick={() => navigate('/orders?role=seller')}>Sales</button>
        </div>
      </div>
      {orders.error && !orders.data ? (
        <ErrorState error={orders.error} retry={orders.refetch} />
      ) : !orders.data ? (
        <LoadingState label="Loading orders…" />
      ) : edges.length === 0 ? (
        <EmptyState title={role === 'BUYER' ? 'No purchases yet' : 'No sales yet'}>
          <p><Link to="/">Browse listings</Link></p>
        </EmptyState>
      ) : (
        <ul className="order-list">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/orders/${node.id}`} className="order-row">
                <ListingImage image={node.items[0]?.product?.images[0]} title={node.items[0]?.title ?? node.number} className="thumb" />
                <span className="order-row-text">
                  <strong>{node.items.map((item) => item.title).join(', ')}</strong>
                  <span className="muted">
                    {node.number} · {formatDate(node.createdAt)} · {role === 'BUYER' ? `from ${nameOrUnavailable(node.seller, 'Seller')}` : `to ${nameOrUnavailable(node.buyer, 'Buyer')}`}
                  </span>
                </span>
                <StatusPill status={node.status} />
                <span className="order-row-total">{formatMoney(node.total)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
